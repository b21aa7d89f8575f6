package org.mailstack.user.delivery;

/** A delivery that did not happen; the SMTP layer maps the {@link Kind} to its reply. Nothing was stored. */
public final class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the message was not delivered. */
    public enum Kind {
        /** The mailbox is over quota now; the relay should retry later. */
        QUOTA_FULL,
        /** The message is larger than the whole quota. */
        QUOTA_NEVER_FITS,
        /** The store failed (disk, permissions); temporary for the relay. */
        STORE_FAILED,
        /** The container is stopping. */
        SHUTTING_DOWN
    }

    private final Kind kind;

    public DeliveryException(Kind kind, String detail, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
    }

    public DeliveryException(Kind kind, String detail) {
        this(kind, detail, null);
    }

    public Kind kind() {
        return kind;
    }
}
