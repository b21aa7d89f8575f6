package org.mailstack.imap.command;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import org.mailstack.imap.parse.ImapReader;
import org.mailstack.imap.parse.ParseException;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.response.ConnectionLostException;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.session.Continuation;
import org.mailstack.imap.session.ImapSession;
import org.mailstack.imap.session.SessionState;

/**
 * Runs one command: reads tag and name, looks the command up, checks the session state once (RFC 3501 section 3),
 * executes it, announces mailbox changes where allowed, and writes the tagged response.
 */
public final class Dispatcher {
    private final CommandRegistry registry;

    public Dispatcher(CommandRegistry registry) {
        this.registry = registry;
    }

    /** Handles one complete command, or a line for a waiting continuation. */
    public void handle(ImapSession session, byte[] bytes) {
        ImapWriter w = session.writer();
        Continuation waiting = session.continuation();
        if (waiting != null) {
            continueWith(session, waiting, bytes);
            return;
        }
        ImapReader r = new ImapReader(bytes).utf8Mailboxes(session.rev2());
        String tag;
        try {
            tag = r.tag();
            r.sp();
        } catch (ParseException e) {
            w.untagged().raw("BAD ").text("Error in IMAP command received by server.").crlf().flush();
            return;
        }
        String name = "?";
        CommandRegistry.Entry command;
        Request request;
        try {
            name = r.atom().toUpperCase(Locale.ROOT);
            boolean uid = false;
            if (name.equals("UID")) {
                r.sp();
                name = r.atom().toUpperCase(Locale.ROOT);
                uid = true;
            }
            command = registry.find(name, uid);
            if (command == null) {
                w.tagged(tag, Completion.bad("Unknown command"));
                return;
            }
            if (!r.atEndOfLine()) {
                r.sp();
            }
            request = new Request(tag, name, uid, r);
        } catch (ParseException e) {
            w.tagged(tag, Completion.bad("Error in IMAP command: " + e.getMessage()));
            return;
        }
        if (!command.states().contains(session.state())) {
            w.tagged(tag, Completion.bad(stateError(command.states())));
            return;
        }
        Completion done;
        try {
            done = command.command().execute(session, request);
        } catch (ConnectionLostException e) {
            throw e; // the client is gone: there is no one to answer
        } catch (Exception e) {
            done = ErrorMapping.map(name, e);
        }
        if (done != null) {
            boolean announce = switch (command.announce()) {
                case ALWAYS -> true;
                case NEVER -> false;
                case UID_ONLY -> request.uid();
            };
            session.finish(tag, announce, done);
        } else {
            w.flush();
        }
    }

    private void continueWith(ImapSession session, Continuation waiting, byte[] bytes) {
        String line = new String(bytes, StandardCharsets.UTF_8);
        line = line.endsWith("\r\n") ? line.substring(0, line.length() - 2)
                : line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        Completion done;
        try {
            done = waiting.line(line);
        } catch (ConnectionLostException e) {
            throw e;
        } catch (Exception e) {
            done = ErrorMapping.map("continuation", e);
        }
        if (done != null) {
            session.continuation(null);
            session.finish(waiting.tag(), true, done);
        } else {
            session.writer().flush();
        }
    }

    private static String stateError(Set<SessionState> required) {
        if (required.contains(SessionState.NOT_AUTHENTICATED)) {
            return "Already authenticated";
        }
        if (!required.contains(SessionState.AUTHENTICATED)) {
            return "No mailbox selected";
        }
        return "Command requires authentication";
    }
}
