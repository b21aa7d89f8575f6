package org.mailstack.imap.response;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writing to the client failed: the connection is closed or broken, usually because the client went away (it may
 * close right after LOGOUT without reading the answer). The session is over; this is not a failure of the server,
 * and no command's answer can reach the client any more.
 */
public final class ConnectionLostException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public ConnectionLostException(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
