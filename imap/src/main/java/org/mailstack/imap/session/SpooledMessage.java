package org.mailstack.imap.session;

import java.io.IOException;
import java.time.Instant;
import org.mailstack.core.maildir.AppendResult;
import org.mailstack.core.maildir.Flags;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.IncomingMessage;
import org.mailstack.core.maildir.MaildirStore;

/**
 * The message literal of an APPEND as it arrives: written to the Maildir's {@code tmp/} chunk by chunk (see
 * {@link IncomingMessage}), stored by the APPEND command, removed otherwise. A failure while receiving (quota, disk)
 * is kept and reported when the command runs; the remaining bytes are then dropped. Without a store (not logged in)
 * the bytes are dropped and the command is refused by the dispatcher.
 */
public final class SpooledMessage implements AutoCloseable {
    private final IncomingMessage message;
    private IOException failure;
    private long size;

    private SpooledMessage(IncomingMessage message, IOException failure) {
        this.message = message;
        this.failure = failure;
    }

    /** Starts receiving into the store's {@code tmp/}; {@code store} may be null before login. */
    public static SpooledMessage start(MaildirStore store) {
        if (store == null) {
            return new SpooledMessage(null, null);
        }
        try {
            return new SpooledMessage(store.receive(), null);
        } catch (IOException e) {
            return new SpooledMessage(null, e);
        }
    }

    public void write(byte[] bytes) {
        size += bytes.length;
        if (message == null || failure != null) {
            return;
        }
        try {
            message.write(bytes, 0, bytes.length);
        } catch (IOException e) {
            failure = e;
            close();
        }
    }

    /** The octets received, stored or not. */
    public long size() {
        return size;
    }

    /** Stores the message (APPEND); throws what went wrong while receiving, if anything did. */
    public AppendResult appendTo(FolderName folder, Flags flags, Instant internalDate) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (message == null) {
            throw new IllegalStateException("no store to append to");
        }
        return message.appendTo(folder, flags, internalDate);
    }

    @Override
    public void close() {
        if (message == null) {
            return;
        }
        try {
            message.close();
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(SpooledMessage.class).warn("could not remove an unfinished APPEND", e);
        }
    }
}
