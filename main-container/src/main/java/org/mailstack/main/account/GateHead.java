package org.mailstack.main.account;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Reads one request head for the directory gate, refusing at the first byte that a lenient parser could read another
 * way. Go's net/http, which Docker runs, ends a line at a bare LF; a gate that split lines only at CRLF once saw one
 * request where the engine saw two. So every line must end in CRLF, a CR must be followed by LF and an LF preceded by
 * CR, and the head holds only printable ASCII, SP and HTAB (RFC 9112 section 2.2 allows a server to refuse the rest).
 * Nothing may follow the empty line: the gate takes no body and no second request.
 *
 * <p>The scan is incremental, so a head that breaks a rule is refused as soon as the byte arrives rather than when the
 * deadline passes.
 */
final class GateHead {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte HTAB = '\t';
    private final ByteBuffer buffer;
    private int scanned;

    GateHead(int maxBytes) {
        buffer = ByteBuffer.allocate(maxBytes);
    }

    /** The head up to, not including, its final CRLFCRLF; read until that empty line arrives. */
    String read(SocketChannel client) throws IOException, GateRefusal {
        while (true) {
            if (client.read(buffer) < 0) {
                throw GateRefusal.malformed("the connection ended before the head did");
            }
            int end = scan();
            if (end >= 0) {
                if (end < buffer.position()) {
                    throw GateRefusal.malformed("bytes after the head");
                }
                return new String(buffer.array(), 0, end - 4, StandardCharsets.US_ASCII);
            }
            if (!buffer.hasRemaining()) {
                throw GateRefusal.malformed("a head over " + buffer.capacity() + " bytes");
            }
        }
    }

    /**
     * Refuses when more bytes have arrived since the head, without waiting for any: a client that sends a second
     * request or a body before hearing the first answer is trying something. (Later bytes are never read at all.)
     */
    void expectNothingMore(SocketChannel client) throws IOException, GateRefusal {
        client.configureBlocking(false);
        try {
            if (client.read(ByteBuffer.allocate(1)) > 0) {
                throw GateRefusal.malformed("bytes after the head");
            }
        } finally {
            client.configureBlocking(true);
        }
    }

    /** What arrived before the first CR or LF, for the log (the caller makes it printable). */
    String requestLine() {
        byte[] bytes = buffer.array();
        int end = 0;
        while (end < buffer.position() && bytes[end] != CR && bytes[end] != LF) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** The index just past the head's CRLFCRLF, or -1 while it has not arrived. */
    private int scan() throws GateRefusal {
        byte[] bytes = buffer.array();
        int size = buffer.position();
        for (; scanned < size; scanned++) {
            byte b = bytes[scanned];
            if (b == CR) {
                if (scanned + 1 == size) {
                    return -1; // whether an LF follows is in the next read
                }
                if (bytes[scanned + 1] != LF) {
                    throw GateRefusal.malformed("a CR not followed by LF");
                }
            } else if (b == LF) {
                if (scanned == 0 || bytes[scanned - 1] != CR) {
                    throw GateRefusal.malformed("an LF not preceded by CR");
                }
                if (scanned >= 3 && bytes[scanned - 2] == LF && bytes[scanned - 3] == CR) {
                    return scanned + 1;
                }
            } else if (b != HTAB && (b < 0x20 || b > 0x7e)) {
                throw GateRefusal.malformed("a control or non-ASCII byte");
            }
        }
        return -1;
    }
}
