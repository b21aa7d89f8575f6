package org.mailstack.imap.command;

import java.io.IOException;
import java.util.List;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.core.maildir.MessageInfo;
import org.mailstack.core.maildir.SystemFlag;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.session.ImapSession;
import org.mailstack.imap.session.SelectedMailbox;

/**
 * SELECT and EXAMINE (RFC 3501 sections 6.3.1 and 6.3.2), with the CONDSTORE parameter of RFC 7162 section 3.1.8.
 * Any previously selected mailbox is closed first, so a failed SELECT leaves the session authenticated.
 */
final class SelectCommand implements ImapCommand {
    private final boolean readOnly;

    SelectCommand(boolean readOnly) {
        this.readOnly = readOnly;
    }



    @Override
    public Completion execute(ImapSession s, Request r) throws IOException {
        FolderName folder = Args.folder(r.args());
        boolean condstore = false;
        if (r.args().consume(' ')) {
            r.args().expect('(');
            if (!r.args().consumeWord("CONDSTORE")) {
                throw new org.mailstack.imap.parse.ParseException("Unknown SELECT parameter");
            }
            r.args().expect(')');
            condstore = true;
        }
        r.args().end();
        if (s.selected() != null) {
            s.deselect();
            s.writer().untagged().raw("OK [CLOSED] Previous mailbox closed.").crlf();
        }
        if (condstore) {
            s.enable(ImapSession.Extension.CONDSTORE);
        }
        MailboxView view = s.store().openView(folder, readOnly);
        SelectedMailbox selected = new SelectedMailbox(view, listener -> s.store().addListener(folder, listener));
        s.select(selected);
        ImapWriter w = s.writer();
        selected.announceFlags(w);
        w.untagged().number(view.size()).atom("EXISTS").crlf();
        w.untagged().number(view.recentCount()).atom("RECENT").crlf();
        int unseen = firstUnseen(view);
        if (unseen > 0) {
            w.untagged().raw("OK [UNSEEN " + unseen + "] First unseen.").crlf();
        }
        w.untagged().raw("OK [UIDVALIDITY " + view.uidValidity() + "] UIDs valid").crlf();
        w.untagged().raw("OK [UIDNEXT " + view.uidNext() + "] Predicted next UID").crlf();
        w.untagged().raw("OK [HIGHESTMODSEQ " + Math.max(1, view.highestModSeq()) + "] Highest").crlf();
        String mode = view.isReadOnly() ? "READ-ONLY" : "READ-WRITE";
        return Completion.ok(mode, (readOnly ? "Examine" : "Select") + " completed.");
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
