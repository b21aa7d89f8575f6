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
     * The message literal of an APPEND begins: its bytes follow as {@link LiteralChunk}s and the command, with the
     * literal given as {@code {0}}, comes as a {@link Command} after them. A synchronising literal wants {@code +}.
     */
    record LiteralStart(boolean synchronising) implements Frame {
    }

    /** The next bytes of the APPEND literal announced by {@link LiteralStart}. */
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
}
