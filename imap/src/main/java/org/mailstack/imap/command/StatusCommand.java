package org.mailstack.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.FolderStatus;
import org.mailstack.imap.parse.ParseException;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.session.ImapSession;

/** STATUS (RFC 3501 section 6.3.10) with HIGHESTMODSEQ (RFC 7162 section 3.1.2.2). */
final class StatusCommand implements ImapCommand {

    @Override
    public Completion execute(ImapSession s, Request r) throws IOException {
        FolderName folder = Args.folder(r.args());
        r.args().sp();
        r.args().expect('(');
        List<String> items = new ArrayList<>();
        do {
            String item = r.args().atom().toUpperCase(Locale.ROOT);
            if (!List.of("MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "HIGHESTMODSEQ").contains(item)) {
                throw new ParseException("Invalid status item");
            }
            items.add(item);
        } while (r.args().consume(' '));
        r.args().expect(')');
        r.args().end();
        FolderStatus st = s.store().status(folder);
        // this session's view holds the \Recent claim of the folder it has selected (RFC 3501 section 2.3.2)
        boolean selectedHere = s.selected() != null && s.selected().view().folder().equals(folder);
        ImapWriter w = s.writer();
        w.untagged().atom("STATUS").string(Args.wire(folder)).open();
        for (String item : items) {
            w.atom(item).number(switch (item) {
                case "MESSAGES" -> st.messages();
                case "RECENT" -> selectedHere ? s.selected().view().recentCount() : st.recent();
                case "UIDNEXT" -> st.uidNext();
                case "UIDVALIDITY" -> st.uidValidity();
                case "UNSEEN" -> st.unseen();
                default -> Math.max(1, st.highestModSeq());
            });
        }
        w.close().crlf();
        return Completion.ok("Status completed.");
    }
}
