package org.mailstack.smtp;

import java.io.IOException;

/**
 * Reading a message from the client failed: the connection ended or timed out inside it, or the client broke the
 * BDAT framing. A message handler sees it from the body's {@code read}; it must keep nothing and may simply let it
 * propagate: the command, not the handler, answers (or closes), and never with {@code 250}. Handlers tell it from
 * their own storage errors, which are theirs to report.
 */
public final class ClientInputException extends IOException {
    private static final long serialVersionUID = 1L;

    ClientInputException(String message, IOException cause) {
        super(message, cause);
    }
}
