package org.mailstack.mailctl.tar;

import java.io.IOException;

/** The bytes are not a tar archive, or it ends before its end-of-archive marker. */
public final class TarFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public TarFormatException(String message) {
        super(message);
    }
}
