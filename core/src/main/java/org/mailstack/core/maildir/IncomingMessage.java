package org.mailstack.core.maildir;

import java.io.IOException;
import java.time.Instant;

/**
 * A message being received chunk by chunk (an IMAP APPEND literal as it comes off the network): written straight
 * into the Maildir's {@code tmp/} with the quota checked as it grows, so memory stays bounded whatever its size.
 * {@link #appendTo} fsyncs it and gives it a UID in a folder; {@link #close} before that removes it, so an aborted
 * transfer leaves nothing behind. Not thread-safe: one sender at a time.
 */
public final class IncomingMessage implements AutoCloseable {
    private final MaildirStore store;
    private final MessageWriter writer;
    private boolean done;

    IncomingMessage(MaildirStore store, MessageWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    /**
     * Appends the next bytes.
     *
     * @throws QuotaExceededException if the message has grown over the account's quota (the file is then removed)
     */
    public void write(byte[] bytes, int offset, int length) throws IOException {
        writer.write(bytes, offset, length);
    }

    /** The bytes received so far. */
    public long size() {
        return writer.size();
    }

    /**
     * Makes the message durable and stores it in {@code folder} with flags and an internal date (like
     * {@link MaildirStore#append}); the file is removed whatever the outcome of placing it.
     *
     * @param internalDate the INTERNALDATE, or null for now
     * @throws FolderNotFoundException if the folder does not exist
     */
    public AppendResult appendTo(FolderName folder, Flags flags, Instant internalDate) throws IOException {
        if (done) {
            throw new IllegalStateException("message already stored or discarded");
        }
        done = true;
        MessageWriter.Written w = null;
        try {
            w = writer.finish();
            return store.place(folder, w, flags, internalDate);
        } finally {
            writer.close();
            if (w != null) {
                java.nio.file.Files.deleteIfExists(w.file());
            }
        }
    }

    /** Discards the message unless it was stored. */
    @Override
    public void close() throws IOException {
        done = true;
        writer.close();
    }
}
