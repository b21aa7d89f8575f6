package org.mailstack.imap.server;

/** What the framing layer hands to the session, in order. */
sealed interface Frame {
    /** One complete command: the line(s) with every literal inlined, ending in CRLF. */
    record Command(byte[] bytes) implements Frame {
    }

    /** The client waits for a continuation before sending a synchronising literal (RFC 3501 section 7.5). */
    record ContinueLiteral() implements Frame {
    }

    /**
     * A data literal of an APPEND begins (a message, or a CATENATE TEXT part): its bytes follow as
     * {@link LiteralChunk}s (none when it is empty) and the command, with each such literal given as {@code {0}},
     * comes as a {@link Command} after all of them. A synchronising literal wants {@code +}.
     */
    record LiteralStart(boolean synchronising) implements Frame {
    }

    /** The next bytes of the data literal announced by the last {@link LiteralStart}. */
    record LiteralChunk(byte[] bytes) implements Frame {
    }

    /** A line longer than the limit was skipped; {@code tag} is null when none could be read. */
    record LineTooLong(String tag) implements Frame {
    }

    /** A synchronising literal over the limit was refused before the client sent it. */
    record LiteralTooBig(String tag) implements Frame {
    }

    /**
     * A command refused by the framing layer itself (too many literals, too long), answered {@code BAD} with the
     * server-chosen {@code text}: either before the client sent a synchronising literal, or once the rest of the
     * command (non-synchronising literals) was read and dropped.
     */
    record CommandRefused(String tag, String text) implements Frame {
    }
}
