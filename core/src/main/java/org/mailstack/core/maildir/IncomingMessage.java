package org.mailstack.core.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.time.Instant;

/**
 * A message being received chunk by chunk (an IMAP APPEND literal as it comes off the network): written straight
 * into the Maildir's {@code tmp/} with the quota checked as it grows, so memory stays bounded whatever its size.
 * {@link #appendTo} fsyncs it and gives it a UID in a folder ({@link MaildirStore#appendAll} stores several at once);
 * {@link #complete} ends the receiving early (the file is closed, and can be read back with {@link #openReceived});
 * {@link #close} before it is stored removes it, so an aborted transfer leaves nothing behind. Not thread-safe: one
 * sender at a time.
 */
public final class IncomingMessage implements AutoCloseable {
    private final MaildirStore store;
    private final MessageWriter writer;
    private MessageWriter.Written written;
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
        if (written != null) {
            throw new IllegalStateException("message already complete");
        }
        writer.write(bytes, offset, length);
    }

    /** The bytes received so far. */
    public long size() {
        return writer.size();
    }

    /**
     * All bytes have arrived: fsyncs and closes the file, which stays in {@code tmp/} until the message is stored
     * or closed. A connection that receives several messages for one command holds no open file for the finished
     * ones. Does nothing when already complete.
     */
    public void complete() throws IOException {
        if (done) {
            throw new IllegalStateException("message already stored or discarded");
        }
        if (written == null) {
            written = writer.finish();
        }
    }

    /**
     * Reads a {@link #complete} message back (to build another message from it), through the held {@code tmp/}
     * and only if the file there is still a regular file.
     */
    public InputStream openReceived() throws IOException {
        if (done || written == null) {
            throw new IllegalStateException("message not complete, or already stored or discarded");
        }
        return Channels.newInputStream(store.openReceived(written.tmpName()));
    }

    /**
     * Makes the message durable and stores it in {@code folder} with flags and an internal date (like
     * {@link MaildirStore#append}); the file is removed whatever the outcome of placing it.
     *
     * @param internalDate the INTERNALDATE, or null for now
     * @throws FolderNotFoundException if the folder does not exist
     */
    public AppendResult appendTo(FolderName folder, Flags flags, Instant internalDate) throws IOException {
        MessageWriter.Written w = take();
        try {
            return store.place(folder, w, flags, internalDate);
        } finally {
            Files.deleteIfExists(w.file());
        }
    }

    /** Completes the message and hands its file over to the caller, who stores or removes it. */
    MessageWriter.Written take() throws IOException {
        if (done) {
            throw new IllegalStateException("message already stored or discarded");
        }
        try {
            complete();
        } finally {
            done = true;
        }
        return written;
    }

    /** Discards the message unless it was stored. */
    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        done = true;
        if (written != null) {
            Files.deleteIfExists(written.file());
        } else {
            writer.close();
        }
    }
}
