package org.mailstack.core.maildir;

import java.io.IOException;

/** A refusal by the store that the IMAP layer maps to {@code NO} (the subclasses say which response code fits). */
public class StoreException extends IOException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
