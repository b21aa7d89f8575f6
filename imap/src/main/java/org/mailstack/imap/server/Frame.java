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
     * The message literal of an APPEND begins: its bytes follow as {@link LiteralChunk}s and the command, with the
     * literal given as {@code {0}}, comes as a {@link Command} after them. A synchronising literal wants {@code +}.
     */
    record LiteralStart(boolean synchronising) implements Frame {
    }

    /** The next bytes of the APPEND literal announced by {@link LiteralStart}. */
    record LiteralChunk(byte[] bytes) implements Frame {
    }

    /** A line longer than the limit was skipped; {@code tag} is null when none could be read. */
    record LineTooLong(String tag) implements Frame {
    }

    /** A synchronising literal over the limit was refused before the client sent it. */
    record LiteralTooBig(String tag) implements Frame {
    }
}
