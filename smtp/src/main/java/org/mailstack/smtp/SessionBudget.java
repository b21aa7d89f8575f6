package org.mailstack.smtp;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.server.Session;

/**
 * How many commands a session may send without a message being accepted: {@value #JUNK_LIMIT} commands that do
 * nothing for a message (HELO, EHLO, NOOP, RSET, HELP, VRFY, EXPN) and {@value #COMMAND_LIMIT} commands in all. The
 * next command gets {@code 421 4.7.0} and the connection is closed; an accepted message starts the count again.
 * A RCPT that adds a recipient is not counted (recipients have their own limit), a refused one is: a dictionary
 * attack gets {@value #COMMAND_LIMIT} guesses per connection.
 *
 * <p>The numbers follow Postfix: its {@code smtpd_junk_command_limit} is 100 and its {@code smtpd_hard_error_limit}
 * 20; a client that delivers mail never comes near either of these.
 *
 * <p>Commands SubEthaSMTP does not know are answered {@code 500} by its dispatcher before any command object runs,
 * so they are not counted here; the connection timeout bounds a client that sends only those.
 */
final class SessionBudget {
    static final int JUNK_LIMIT = 50;
    static final int COMMAND_LIMIT = 100;
    private static final Set<String> JUNK = Set.of("HELO", "EHLO", "NOOP", "RSET", "HELP", "VRFY", "EXPN");

    /** Per session: {commands, junk commands}. Weak keys: an ended session's entry goes with it. */
    private final Map<Session, int[]> counts = Collections.synchronizedMap(new WeakHashMap<>());

    /** Counts {@code verb} for the session, or refuses it when the session has used up its budget. */
    void spend(Session session, String verb) throws DropConnectionException {
        int[] c = counts.computeIfAbsent(session, s -> new int[2]);
        boolean junk = JUNK.contains(verb);
        if (c[0] >= COMMAND_LIMIT || junk && c[1] >= JUNK_LIMIT) {
            throw new DropConnectionException(421, "4.7.0 Too many commands without a message, closing connection");
        }
        c[0]++;
        if (junk) {
            c[1]++;
        }
    }

    /** Gives back the count of a command that moved a transaction on (an accepted recipient). */
    void refund(Session session) {
        int[] c = counts.get(session);
        if (c != null && c[0] > 0) {
            c[0]--;
        }
    }

    /** A message was accepted: the session starts with a full budget again. */
    void messageAccepted(Session session) {
        counts.remove(session);
    }
}
