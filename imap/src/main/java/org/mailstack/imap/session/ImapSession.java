package org.mailstack.imap.session;

import java.io.IOException;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.mailstack.core.auth.OriginProof;
import org.mailstack.core.maildir.MaildirStore;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.response.ImapWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one IMAP connection (RFC 3501 section 3). Used from the connection's command thread only.
 */
public final class ImapSession {
    /** Extensions a client can ENABLE (RFC 5161). */
    public enum Extension { CONDSTORE, QRESYNC, IMAP4REV2;

        /** The name as ENABLED shows it. */
        public String wireName() {
            return this == IMAP4REV2 ? "IMAP4rev2" : name();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ImapSession.class);
    private final ServerContext server;
    private final Transport transport;
    private final ImapWriter writer;
    private SessionState state = SessionState.NOT_AUTHENTICATED;
    private String account;
    private MaildirStore store;
    private SelectedMailbox selected;
    private Continuation continuation;
    private List<SpooledMessage> spooled = List.of();
    private final Set<Extension> enabled = EnumSet.noneOf(Extension.class);
    private String nonce;
    private InetAddress relayedClient;
    private AutoCloseable notifications;

    public ImapSession(ServerContext server, Transport transport, ImapWriter writer) {
        this.server = server;
        this.transport = transport;
        this.writer = writer;
    }

    public ServerContext server() {
        return server;
    }

    public Transport transport() {
        return transport;
    }

    public ImapWriter writer() {
        return writer;
    }

    /** This connection's nonce for a relay's proof (ADR 18), made when first asked for. */
    public String nonce() {
        if (nonce == null) {
            nonce = OriginProof.newNonce();
        }
        return nonce;
    }

    /** Records the client a trusted relay proved it logs in for. */
    public void relayedFor(InetAddress client) {
        this.relayedClient = client;
    }

    /** Whether a trusted relay carries this connection (it has applied the login delays already). */
    public boolean relayed() {
        return relayedClient != null;
    }

    /** The client logins count under: the one the relay proved, else the connection's peer. */
    public InetAddress client() {
        return relayedClient != null ? relayedClient : transport.remoteAddress();
    }

    public SessionState state() {
        return state;
    }

    public String account() {
        return account;
    }

    public MaildirStore store() {
        return store;
    }

    public SelectedMailbox selected() {
        return selected;
    }

    /** Enters the authenticated state with the account's store. */
    public void authenticated(String account, MaildirStore store) {
        this.account = account;
        this.store = store;
        this.state = SessionState.AUTHENTICATED;
    }

    /** Selects a mailbox, closing any previous one. */
    public void select(SelectedMailbox mailbox) {
        deselect();
        mailbox.showRecent(!rev2());
        this.selected = mailbox;
        this.state = SessionState.SELECTED;
    }

    /** Leaves the selected state (CLOSE, UNSELECT, a failed SELECT). */
    public void deselect() {
        if (selected != null) {
            selected.close();
            selected = null;
        }
        if (state == SessionState.SELECTED) {
            state = SessionState.AUTHENTICATED;
        }
    }

    /** Replaces the session's NOTIFY (RFC 5465) notifications, stopping the ones before; null for none. */
    public void notifications(AutoCloseable n) {
        if (notifications != null) {
            try {
                notifications.close();
            } catch (Exception e) {
                // stopping timers and listeners cannot fail meaningfully
            }
        }
        notifications = n;
    }

    public AutoCloseable notifications() {
        return notifications;
    }

    /**
     * Ends a command: announces changes to the selected mailbox (when {@code announce}, a mailbox is selected and the
     * answer is not {@code BAD}), then writes the tagged response; nothing more when the mailbox is gone (after BYE).
     */
    public void finish(String tag, boolean announce, Completion done) {
        if (announce && state == SessionState.SELECTED && !done.status().equals("BAD")) {
            if (!announceChanges(false)) {
                return;
            }
        }
        writer.tagged(tag, done);
    }

    /**
     * Syncs the selected mailbox (if due, or always when {@code force}) and announces its changes, then the changes
     * of the results kept updated (RFC 5267 section 4.3); false (after BYE) when the mailbox is gone and the
     * connection is closing.
     */
    public boolean announceChanges(boolean force) {
        try {
            if (selected.announce(writer, condstore(), isEnabled(Extension.QRESYNC), force)
                    == SelectedMailbox.Outcome.OK) {
                selected.updateContexts(writer); // after EXISTS: ADDTO names only messages announced
                return true;
            }
        } catch (IOException e) {
            LOG.warn("sync of {} failed: {}", selected.view().folder(), e.toString());
            return true;
        }
        writer.untagged().raw("BYE ").text("Selected mailbox was deleted or rebuilt, have to disconnect.")
                .crlf().flush();
        logout();
        transport.close();
        return false;
    }

    public void logout() {
        notifications(null);
        deselect();
        state = SessionState.LOGOUT;
    }

    public Continuation continuation() {
        return continuation;
    }

    public void continuation(Continuation c) {
        this.continuation = c;
    }

    /**
     * The data literals (messages, CATENATE TEXT parts) received to disk for the APPEND now running, in order;
     * empty when they came inline.
     */
    public List<SpooledMessage> spooled() {
        return spooled;
    }

    public void spooled(List<SpooledMessage> messages) {
        this.spooled = List.copyOf(messages);
    }

    /** Whether an extension is on; CONDSTORE is also on once QRESYNC is (RFC 7162 section 3.2.3). */
    public boolean isEnabled(Extension e) {
        return e == Extension.CONDSTORE ? condstore() : enabled.contains(e);
    }

    public void enable(Extension e) {
        boolean wasOn = condstore();
        enabled.add(e);
        if (e == Extension.IMAP4REV2) { // RFC 9051 section 5.1: mailbox names in UTF-8 from now on
            writer.utf8Mailboxes(true);
            if (selected != null) {
                selected.showRecent(false);
            }
        }
        if (!wasOn && condstore() && selected != null) {
            // RFC 7162 section 3.1: the first CONDSTORE-enabling command reports HIGHESTMODSEQ
            writer.untagged().raw("OK [HIGHESTMODSEQ " + Math.max(1, selected.view().highestModSeq()) + "] Highest")
                    .crlf();
        }
    }

    /** Whether IMAP4rev2 (RFC 9051) is enabled: no \Recent, ESEARCH for SEARCH, UTF-8 mailbox names. */
    public boolean rev2() {
        return enabled.contains(Extension.IMAP4REV2);
    }

    /** CONDSTORE is on once enabled, or used (RFC 7162 section 3.1: a CONDSTORE-enabling command). */
    public boolean condstore() {
        return enabled.contains(Extension.CONDSTORE) || enabled.contains(Extension.QRESYNC);
    }
}
