package org.mailstack.imap.command;

import java.io.IOException;
import java.util.List;

import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.FolderStatus;
import org.mailstack.imap.parse.ListRequest;
import org.mailstack.imap.parse.ParseException;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.session.ImapSession;

/**
 * STATUS (RFC 3501 section 6.3.10) with HIGHESTMODSEQ (RFC 7162 section 3.1.2.2), DELETED and DELETED-STORAGE
 * (RFC 9208 section 4.3, the latter in KiB like the STORAGE quota) and SIZE in octets (STATUS=SIZE, RFC 8438).
 */
final class StatusCommand implements ImapCommand {

    @Override
    public Completion execute(ImapSession s, Request r) throws IOException {
        FolderName folder = Args.folder(r.args());
        r.args().sp();
        r.args().expect('(');
        List<String> items = ListRequest.statusItems(r.args());
        r.args().end();
        refuseRecent(s, items);
        write(s, folder, items);
        return Completion.ok("Status completed.");
    }

    /** RECENT is not a STATUS item of IMAP4rev2 (RFC 9051 appendix E): {@code BAD} once it is enabled. */
    static void refuseRecent(ImapSession s, List<String> items) {
        if (s.rev2() && items.contains("RECENT")) {
            throw new ParseException("RECENT is not a status item of IMAP4rev2");
        }
    }

    /** Writes {@code * STATUS folder (items)} (RFC 3501 section 7.2.4), also for LIST-STATUS (RFC 5819). */
    static void write(ImapSession s, FolderName folder, List<String> items) throws IOException {
        FolderStatus st = s.store().status(folder);
        // this session's view holds the \Recent claim of the folder it has selected (RFC 3501 section 2.3.2)
        boolean selectedHere = s.selected() != null && s.selected().view().folder().equals(folder);
        ImapWriter w = s.writer();
        w.untagged().atom("STATUS").mailbox(folder.name()).open();
        for (String item : items) {
            w.atom(item).number(switch (item) {
                case "MESSAGES" -> st.messages();
                case "RECENT" -> selectedHere ? s.selected().view().recentCount() : st.recent();
                case "UIDNEXT" -> st.uidNext();
                case "UIDVALIDITY" -> st.uidValidity();
                case "UNSEEN" -> st.unseen();
                case "DELETED" -> st.deleted();
                case "DELETED-STORAGE" -> QuotaCommands.kib(st.deletedBytes());
                case "SIZE" -> st.bytes();
                default -> Math.max(1, st.highestModSeq());
            });
        }
        w.close().crlf();
    }
}
