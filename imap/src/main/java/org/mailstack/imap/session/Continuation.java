package org.mailstack.imap.session;

import java.io.IOException;
import org.mailstack.imap.response.Completion;

/**
 * A command that reads further client lines itself (AUTHENTICATE's responses, IDLE's {@code DONE}): while one is
 * set, the session hands it the next line instead of dispatching it as a command.
 */
public abstract class Continuation {
    private final String tag;

    protected Continuation(String tag) {
        this.tag = tag;
    }

    /** The tag of the command that waits. */
    public final String tag() {
        return tag;
    }

    /** Handles one line (without CRLF); returns the completion when the command is finished, else null. */
    public abstract Completion line(String line) throws IOException;

    /** Called when the connection ends while waiting. */
    public void abort() {
    }
}
