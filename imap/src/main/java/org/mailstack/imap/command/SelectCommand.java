package org.mailstack.imap.command;

import java.io.IOException;
import java.util.List;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.core.maildir.MessageInfo;
import org.mailstack.core.maildir.SystemFlag;
import org.mailstack.imap.parse.ParseException;
import org.mailstack.imap.parse.SelectParameters;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.session.ImapSession;
import org.mailstack.imap.session.SelectedMailbox;
import org.mailstack.imap.session.VanishedUids;

/**
 * SELECT and EXAMINE (RFC 3501 sections 6.3.1 and 6.3.2), with the CONDSTORE parameter of RFC 7162 section 3.1.8
 * and the QRESYNC parameter of section 3.2.5: when the client's UIDVALIDITY still holds, the UIDs expunged since its
 * MODSEQ go out in {@code VANISHED (EARLIER)} and the messages changed since then in {@code FETCH} responses.
 * Any previously selected mailbox is closed first ({@code OK [CLOSED]}, section 3.2.11), so a failed SELECT leaves
 * the session authenticated.
 */
final class SelectCommand implements ImapCommand {
    private final boolean readOnly;

    SelectCommand(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public Completion execute(ImapSession s, Request r) throws IOException {
        FolderName folder;
        SelectParameters params;
        try {
            folder = Args.folder(r.args());
            params = SelectParameters.parse(r.args());
            if (params.qresync() != null && !s.isEnabled(ImapSession.Extension.QRESYNC)) {
                throw new ParseException("QRESYNC must be enabled first");
            }
        } finally {
            closePrevious(s); // even a SELECT refused with BAD leaves no mailbox selected, as in Dovecot
        }
        boolean condstore = params.condstore();
        if (condstore) {
            s.enable(ImapSession.Extension.CONDSTORE);
        }
        MailboxView view = s.store().openView(folder, readOnly);
        SelectedMailbox selected = new SelectedMailbox(view, listener -> s.store().addListener(folder, listener));
        s.select(selected);
        ImapWriter w = s.writer();
        selected.announceFlags(w);
        w.untagged().number(view.size()).atom("EXISTS").crlf();
        if (s.rev2()) { // RFC 9051 section 6.3.2: LIST instead of RECENT and the UNSEEN code
            w.untagged().raw("LIST () \"/\" ").mailbox(folder.name()).crlf();
        } else {
            w.untagged().number(view.recentCount()).atom("RECENT").crlf();
            int unseen = firstUnseen(view);
            if (unseen > 0) {
                w.untagged().raw("OK [UNSEEN " + unseen + "] First unseen.").crlf();
            }
        }
        w.untagged().raw("OK [UIDVALIDITY " + view.uidValidity() + "] UIDs valid").crlf();
        w.untagged().raw("OK [UIDNEXT " + view.uidNext() + "] Predicted next UID").crlf();
        w.untagged().raw("OK [HIGHESTMODSEQ " + Math.max(1, view.highestModSeq()) + "] Highest").crlf();
        if (params.qresync() != null && params.qresync().uidValidity() == view.uidValidity()) {
            resync(selected, w, params.qresync());
        }
        String mode = view.isReadOnly() ? "READ-ONLY" : "READ-WRITE";
        return Completion.ok(mode, (readOnly ? "Examine" : "Select") + " completed.");
    }

    private static void closePrevious(ImapSession s) {
        if (s.selected() != null) {
            s.deselect();
            s.writer().untagged().raw("OK [CLOSED] Previous mailbox closed.").crlf();
        }
    }

    /** The QRESYNC answer (RFC 7162 section 3.2.5.2): what vanished, then the flags of what changed. */
    private static void resync(SelectedMailbox selected, ImapWriter w, SelectParameters.Qresync q) throws IOException {
        MailboxView view = selected.view();
        String vanished = VanishedUids.since(view, q.modSeq(), q.knownUids(), q.knownSequence(), q.knownSeqUids());
        if (!vanished.isEmpty()) {
            w.untagged().raw("VANISHED (EARLIER) " + vanished).crlf();
        }
        long max = view.uidNext() - 1;
        List<MessageInfo> messages = view.messages();
        for (int i = 0; i < messages.size(); i++) {
            MessageInfo m = messages.get(i);
            if (m.modSeq() > q.modSeq() && (q.knownUids() == null || q.knownUids().contains(m.uid(), max))) {
                selected.fetchFlags(w, i + 1, m, true, true);
            }
        }
    }

    private static int firstUnseen(MailboxView view) {
        List<MessageInfo> messages = view.messages();
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).flags().contains(SystemFlag.SEEN)) {
                return i + 1;
            }
        }
        return 0;
    }
}
