package org.mailstack.mailctl.backup;

import java.io.IOException;

/** An entry of a home archive that would write, or point, outside the home: refused, never extracted. */
public final class UnsafeEntryException extends IOException {
    private static final long serialVersionUID = 1L;

    UnsafeEntryException(String message) {
        super(message);
    }
}
