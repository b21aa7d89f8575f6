package org.mailstack.imap.server;

/** What the framing layer hands to the session, in order. */
sealed interface Frame {
    /** What a frame counts for while it waits for the session: its bytes and a little for the object. */
    int OVERHEAD = 64;

    /** The bytes this frame holds while it waits for the session ({@link ImapFrameDecoder#released}). */
    default int weight() {
        return OVERHEAD;
    }

    /** One complete command: the line(s) with every literal inlined, ending in CRLF. */
    record Command(byte[] bytes) implements Frame {
        @Override
        public int weight() {
            return OVERHEAD + bytes.length;
        }
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
        @Override
        public int weight() {
            return OVERHEAD + bytes.length;
        }
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
