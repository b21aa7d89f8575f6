package org.mailstack.imap.command;

import org.mailstack.imap.session.ImapSession;
import org.mailstack.imap.session.SessionState;

/**
 * The CAPABILITY list (RFC 3501 section 6.1.1), which depends on TLS, on the session state and on compression:
 * {@code COMPRESS=DEFLATE} (RFC 4978) once authenticated, while no compression layer is active.
 */
public final class Capabilities {
    private static final String COMMON = "IMAP4rev1 IMAP4rev2 SASL-IR LITERAL+ ID ENABLE IDLE NAMESPACE UIDPLUS MOVE CHILDREN "
            + "BINARY SPECIAL-USE UNSELECT ESEARCH SEARCHRES CONDSTORE QRESYNC SORT SORT=DISPLAY ESORT "
            + "CONTEXT=SEARCH CONTEXT=SORT PARTIAL THREAD=ORDEREDSUBJECT THREAD=REFERENCES LIST-EXTENDED LIST-STATUS "
            + "QUOTA QUOTA=RES-STORAGE STATUS=SIZE MULTIAPPEND CATENATE NOTIFY";

    private Capabilities() {
    }

    public static String of(ImapSession session) {
        StringBuilder sb = new StringBuilder(COMMON);
        if (session.state() == SessionState.NOT_AUTHENTICATED) {
            if (session.transport().canStartTls()) {
                sb.append(" STARTTLS");
            }
            if (loginAllowed(session)) {
                sb.append(" AUTH=PLAIN");
            } else {
                sb.append(" LOGINDISABLED");
            }
        } else if (!session.transport().isCompressed()) {
            sb.append(" COMPRESS=DEFLATE");
        }
        return sb.toString();
    }

    /** Plain-text passwords only over TLS, unless configured otherwise (RFC 3501 section 6.2.3). */
    static boolean loginAllowed(ImapSession session) {
        return session.transport().isTls() || session.server().allowPlainLogin();
    }
}
