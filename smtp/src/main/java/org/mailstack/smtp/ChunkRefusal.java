package org.mailstack.smtp;

import java.io.IOException;

import org.subethamail.smtp.DropConnectionException;

/**
 * A BDAT command that cannot be followed: its size is malformed or over the limit, or it is not BDAT at all where a
 * chunk was due. The octets that follow it cannot be told from commands (RFC 3030 calls the state after a refused
 * chunk indeterminate), so the reply is the last thing the session says.
 */
final class ChunkRefusal extends IOException {
    private static final long serialVersionUID = 1L;
    private final int code;

    ChunkRefusal(int code, String text) {
        super(text);
        this.code = code;
    }

    static ChunkRefusal syntax() {
        return new ChunkRefusal(501, "5.5.4 Syntax: BDAT size [LAST]");
    }

    static ChunkRefusal tooBig() {
        return new ChunkRefusal(552, "5.3.4 Message size exceeds fixed maximum message size");
    }

    /** The reply that ends the session. */
    DropConnectionException drop() {
        return new DropConnectionException(code, getMessage());
    }
}
