package org.mailstack.imap.command;

import java.io.IOException;
import java.util.List;
import org.mailstack.core.maildir.FlagOperation;
import org.mailstack.core.maildir.MessageInfo;
import org.mailstack.core.maildir.StoreFlagsResult;
import org.mailstack.imap.parse.StoreRequest;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.response.UidSets;
import org.mailstack.imap.session.FlagNames;
import org.mailstack.imap.session.ImapSession;
import org.mailstack.imap.session.SelectedMailbox;

/** STORE and UID STORE (RFC 3501 section 6.4.6) with UNCHANGEDSINCE (RFC 7162 section 3.1.3). */
final class StoreCommand implements ImapCommand {


    @Override
    public Completion execute(ImapSession s, Request r) throws IOException {
        StoreRequest req = StoreRequest.parse(r.args());
        SelectedMailbox selected = s.selected();
        if (req.unchangedSince() >= 0) {
            s.enable(ImapSession.Extension.CONDSTORE);
        }
        List<Long> uids = MailboxCommands.uids(selected, req.set(), r.uid());
        if (selected.readOnly()) {
            return Completion.ok("Store ignored with read-only mailbox.");
        }
        FlagOperation op = switch (req.mode()) {
            case ADD -> FlagOperation.ADD;
            case REMOVE -> FlagOperation.REMOVE;
            case REPLACE -> FlagOperation.REPLACE;
        };
        StoreFlagsResult result = selected.view().storeFlags(uids, op, FlagNames.fromImap(req.flags()),
                req.unchangedSince());
        boolean condstore = s.condstore();
        boolean qresync = s.isEnabled(ImapSession.Extension.QRESYNC); // UID in every FETCH (RFC 7162 errata 1807)
        selected.announceNewKeywords(s.writer());
        for (MessageInfo m : result.updated()) {
            if (!req.silent() || (condstore && req.unchangedSince() >= 0)) {
                int seq = selected.view().sequenceOf(m.uid());
                if (seq > 0) {
                    selected.fetchFlags(s.writer(), seq, m, r.uid() || qresync, condstore);
                }
            }
        }
        if (!result.modified().isEmpty()) {
            List<Long> modified = result.modified();
            if (!r.uid()) {
                modified = modified.stream().map(u -> (long) selected.view().sequenceOf(u)).toList();
            }
            return Completion.ok("MODIFIED " + UidSets.format(modified), "Conditional store failed.");
        }
        return Completion.ok("Store completed.");
    }
}
