package org.mailstack.core.maildir;

/**
 * Storing a message would take the account over its byte quota; nothing was kept (the partial file in {@code tmp/}
 * is deleted). The store stops reading the input when the limit is crossed: an SMTP caller drains the rest of
 * DATA itself and answers {@code 452 4.2.2} when {@link #isPermanent()} is false (the mailbox may have room later)
 * or {@code 552 5.2.2} when it is true (this message alone is larger than the whole quota), RFC 3463 section 3.3.
 */
public final class QuotaExceededException extends StoreException {
    private final long usedBytes;
    private final long limitBytes;
    private final long messageBytesRead;

    public QuotaExceededException(long usedBytes, long limitBytes, long messageBytesRead) {
        super("quota exceeded: " + usedBytes + " of " + limitBytes + " bytes used, message needs at least "
                + messageBytesRead);
        this.usedBytes = usedBytes;
        this.limitBytes = limitBytes;
        this.messageBytesRead = messageBytesRead;
    }

    /** Bytes in use before this message. */
    public long usedBytes() {
        return usedBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** How much of the message had been read when the store gave up (a lower bound of its size). */
    public long messageBytesRead() {
        return messageBytesRead;
    }

    /** True when the message alone exceeds the quota, so retrying can never succeed. */
    public boolean isPermanent() {
        return messageBytesRead > limitBytes;
    }
}
