package org.mailstack.imap.session;

import java.io.IOException;

import org.mailstack.core.maildir.IncomingMessage;
import org.mailstack.core.maildir.MaildirStore;
import org.slf4j.LoggerFactory;

/**
 * One data literal of an APPEND (a message, or a CATENATE TEXT part) as it arrives: written to the Maildir's
 * {@code tmp/} chunk by chunk (see {@link IncomingMessage}), then completed (closed) when the literal ends, so a
 * command with many literals holds one open file at a time. The APPEND command stores it or reads it back;
 * it is removed otherwise. A failure while receiving (quota, disk) is kept and reported when the command runs; the
 * remaining bytes are then dropped. Without a store (not logged in) the bytes are dropped and the command is
 * refused by the dispatcher.
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

    /** The literal has ended: the file is made durable and closed. */
    public void complete() {
        if (message == null || failure != null) {
            return;
        }
        try {
            message.complete();
        } catch (IOException e) {
            failure = e;
            close();
        }
    }

    /** The octets received, stored or not. */
    public long size() {
        return size;
    }

    /** The received message, complete; throws what went wrong while receiving, if anything did. */
    public IncomingMessage message() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (message == null) {
            throw new IllegalStateException("no store to append to");
        }
        complete();
        if (failure != null) {
            throw failure;
        }
        return message;
    }

    @Override
    public void close() {
        if (message == null) {
            return;
        }
        try {
            message.close();
        } catch (IOException e) {
            LoggerFactory.getLogger(SpooledMessage.class).warn("could not remove an unfinished APPEND", e);
        }
    }
}
