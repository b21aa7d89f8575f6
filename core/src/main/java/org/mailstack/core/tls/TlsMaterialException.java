package org.mailstack.core.tls;

import java.io.IOException;

/** The PEM files are missing, unreadable, or do not form a usable certificate chain and key. */
public final class TlsMaterialException extends IOException {
    public TlsMaterialException(String message) {
        super(message);
    }

    public TlsMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
