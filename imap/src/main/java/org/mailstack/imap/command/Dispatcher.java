package org.mailstack.imap.command;

import java.io.IOException;
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
import org.mailstack.imap.session.SelectedMailbox;
import org.mailstack.imap.session.SessionState;
import org.slf4j.LoggerFactory;

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
                tagged(w, tag, Completion.bad("Unknown command"));
                return;
            }
            if (!r.atEndOfLine()) {
                r.sp();
            }
            request = new Request(tag, name, uid, r);
        } catch (ParseException e) {
            tagged(w, tag, Completion.bad("Error in IMAP command: " + e.getMessage()));
            return;
        }
        if (!command.states().contains(session.state())) {
            tagged(w, tag, Completion.bad(stateError(command.states())));
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
            finish(session, tag, announce, done);
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
            finish(session, waiting.tag(), true, done);
        } else {
            session.writer().flush();
        }
    }

    /** Announces changes to the selected mailbox (if allowed) and writes the tagged response. */
    public static void finish(ImapSession session, String tag, boolean announce, Completion done) {
        ImapWriter w = session.writer();
        if (announce && session.state() == SessionState.SELECTED && !done.status().equals("BAD")) {
            if (!announceChanges(session, false)) {
                return;
            }
        }
        tagged(w, tag, done);
    }

    /**
     * Syncs (if due, or always when {@code force}) and announces, then the changes of the results kept updated
     * (RFC 5267 section 4.3); false (after BYE) when the mailbox is gone and the
     * connection is closing.
     */
    public static boolean announceChanges(ImapSession session, boolean force) {
        SelectedMailbox selected = session.selected();
        try {
            if (selected.announce(session.writer(), session.condstore(),
                    session.isEnabled(ImapSession.Extension.QRESYNC), force) == SelectedMailbox.Outcome.OK) {
                selected.updateContexts(session.writer()); // after EXISTS: ADDTO names only messages announced
                return true;
            }
        } catch (IOException e) {
            LoggerFactory.getLogger(Dispatcher.class).warn("sync of {} failed: {}",
                    selected.view().folder(), e.toString());
            return true;
        }
        session.writer().untagged().raw("BYE ").text("Selected mailbox was deleted or rebuilt, have to disconnect.")
                .crlf().flush();
        session.logout();
        session.transport().close();
        return false;
    }

    static void tagged(ImapWriter w, String tag, Completion c) {
        w.raw(tag).raw(" ").raw(c.status()).raw(" ");
        if (c.code() != null) {
            w.raw("[").raw(c.code()).raw("] ");
        }
        w.text(c.text()).crlf().flush();
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
