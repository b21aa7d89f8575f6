package org.mailstack.mailctl.tar;

import java.io.IOException;

/** The bytes are not a tar archive, or it ends before its end-of-archive marker ({@link #cutShort()}). */
public final class TarFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final boolean cutShort;

    public TarFormatException(String message) {
        this(message, false);
    }

    public TarFormatException(String message, boolean cutShort) {
        super(message);
        this.cutShort = cutShort;
    }

    /** Whether the archive ended early, rather than holding bytes that are no tar. */
    public boolean cutShort() {
        return cutShort;
    }
}
