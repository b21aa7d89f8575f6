package org.mailstack.imap.command;

/** Ends a command with {@code NO [code] text}; code and text are server-chosen. */
public final class NoException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    public NoException(String code, String text) {
        super(text, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
