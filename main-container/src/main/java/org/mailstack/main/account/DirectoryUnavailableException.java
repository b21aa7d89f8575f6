package org.mailstack.main.account;

/** The directory cannot answer now (Docker unreachable): callers answer with a temporary failure, never "no such user". */
public final class DirectoryUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
