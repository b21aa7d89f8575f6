package org.mailstack.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import org.subethamail.smtp.server.Session;

/**
 * The message data of a BDAT sequence as one stream: each chunk's octets exactly, then {@code 250} and the next BDAT
 * line, until the LAST chunk ends it. A connection that ends inside a chunk, or before the LAST one, is an
 * {@link EOFException}: the message is incomplete and must not be kept (SubEthaSMTP ended the stream there and the
 * truncated message was delivered). Anything but BDAT between chunks, and a chunk over the size limit, is a
 * {@link ChunkRefusal}.
 */
final class ChunkedBody extends InputStream {
    private final Session session;
    private final InputStream in;
    private final long max;
    private long received;
    private long remaining;
    private long size;
    private boolean last;

    ChunkedBody(Session session, Chunk first, long max) {
        this.session = session;
        this.in = session.getRawInput();
        this.max = max;
        start(first);
    }

    private void start(Chunk chunk) {
        size = chunk.size();
        remaining = chunk.size();
        last = chunk.last();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (remaining == 0) {
            if (last) {
                return -1;
            }
            next();
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n == -1) {
            throw new EOFException("connection closed inside a BDAT chunk");
        }
        remaining -= n;
        received += n;
        return n;
    }

    /** Acknowledges the chunk just read and reads the next BDAT line. */
    private void next() throws IOException {
        session.sendResponse("250 2.0.0 " + size + " octets received");
        String line = session.getReader().readLine();
        if (line == null) {
            throw new EOFException("connection closed between BDAT chunks");
        }
        String[] verb = line.split(" ", 2);
        if (!verb[0].equalsIgnoreCase("BDAT")) {
            throw new ChunkRefusal(503, "5.5.1 Error: only BDAT may follow a BDAT chunk");
        }
        start(Chunk.parse(verb.length == 2 ? verb[1] : "", received, max));
    }
}
