package org.mailstack.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

import org.subethamail.smtp.DropConnectionException;

/**
 * A message body as the client sends it, handed to the message handler. A read that fails is remembered (and
 * rethrown as {@link ClientInputException}), so that {@link BodyReceiver} never answers {@code 250} for a body that
 * did not arrive whole, whatever the handler made of the failure.
 */
final class ClientBody extends InputStream {
    private final InputStream in;
    private DropConnectionException failure;
    private boolean failed;

    ClientBody(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** Reads what the handler left, so that the next command line is read where it starts. */
    void drain() {
        byte[] buffer = new byte[8192];
        try {
            while (!failed && read(buffer, 0, buffer.length) != -1) {
                // discard
            }
        } catch (IOException e) {
            // remembered by read
        }
    }

    boolean failed() {
        return failed;
    }

    /** How the session ends after a failed read: with this reply, or (null) silently when the client has gone. */
    DropConnectionException failure() {
        return failure;
    }

    private ClientInputException failed(IOException e) {
        if (!failed) {
            failed = true;
            if (e instanceof ChunkRefusal refusal) {
                failure = refusal.drop();
            } else if (e instanceof SocketTimeoutException) {
                failure = new DropConnectionException(421, "4.4.2 Timeout waiting for the message, closing connection");
            } else if (!(e instanceof EOFException)) {
                failure = new DropConnectionException(421, "4.4.2 Message not received completely, closing connection");
            }
        }
        return e instanceof ClientInputException c ? c : new ClientInputException("message not received: " + e, e);
    }
}
