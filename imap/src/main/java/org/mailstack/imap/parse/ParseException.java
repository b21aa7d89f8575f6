package org.mailstack.imap.parse;

/**
 * A request that does not match the RFC 3501 grammar: the dispatcher answers it with {@code BAD}.
 * The message is fixed text chosen by the parser, never a piece of client input.
 */
public final class ParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ParseException(String message) {
        super(message, null, false, false);
    }
}
