package org.mailstack.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.mailstack.core.maildir.FlagOperation;
import org.mailstack.core.maildir.Flags;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.core.maildir.MessageGoneException;
import org.mailstack.core.maildir.MessageInfo;
import org.mailstack.core.maildir.SystemFlag;
import org.mailstack.imap.parse.FetchItem;
import org.mailstack.imap.parse.FetchParser;
import org.mailstack.imap.parse.FetchRequest;
import org.mailstack.imap.parse.ParseException;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.session.ImapSession;
import org.mailstack.imap.session.SelectedMailbox;
import org.mailstack.imap.session.VanishedUids;

/**
 * FETCH and UID FETCH (RFC 3501 sections 6.4.5 and 6.4.8), with CHANGEDSINCE (RFC 7162 section 3.1.4) and, once
 * QRESYNC is enabled, the VANISHED modifier of UID FETCH (section 3.2.6), answered first, and the PARTIAL modifier
 * of UID FETCH (RFC 9394 section 3.2), applied after CHANGEDSINCE. Fetching a
 * body section without PEEK sets \Seen first and reports the new FLAGS. Each message is written by
 * {@link FetchResponseWriter}; structures and headers come from the shared caches, bodies stream from the file.
 * A message expunged by another session is still served from its file or the caches where it can be
 * (RFC 2180 section 4.1.1); one that cannot is left out and the answer is NO [EXPUNGEISSUED].
 */
final class FetchCommand implements ImapCommand {

    @Override
    public Completion execute(ImapSession s, Request r) throws IOException {
        FetchRequest req = FetchParser.parse(r.args());
        if (req.vanished() && (!r.uid() || !s.isEnabled(ImapSession.Extension.QRESYNC))) {
            throw new ParseException("VANISHED needs UID FETCH and QRESYNC enabled");
        }
        if (req.partial() != null && !r.uid()) {
            throw new ParseException("PARTIAL needs UID FETCH");
        }
        List<FetchItem> items = new ArrayList<>(req.items());
        if (r.uid() && !items.contains(FetchItem.Simple.UID)) {
            items.add(0, FetchItem.Simple.UID);
        }
        if (req.changedSince() >= 0 || items.contains(FetchItem.Simple.MODSEQ)) {
            s.enable(ImapSession.Extension.CONDSTORE);
        }
        if (req.changedSince() >= 0 && !items.contains(FetchItem.Simple.MODSEQ)) {
            items.add(FetchItem.Simple.MODSEQ);
        }
        SelectedMailbox selected = s.selected();
        MailboxView view = selected.view();
        List<Integer> seqs = selected.resolve(req.set(), r.uid());
        if (req.changedSince() >= 0) {
            seqs = seqs.stream().filter(q -> view.get(q).modSeq() > req.changedSince()).toList();
        }
        if (req.partial() != null) { // RFC 9394 section 3.2: that part of the messages named, in UID order
            seqs = req.partial().slice(seqs);
        }
        if (req.vanished()) {
            String vanished = VanishedUids.since(view, req.changedSince(), req.set());
            if (!vanished.isEmpty()) {
                s.writer().untagged().raw("VANISHED (EARLIER) " + vanished).crlf();
            }
        }
        List<Long> newlySeen = markSeen(req, selected, seqs);
        FetchResponseWriter writer = new FetchResponseWriter(s, items);
        boolean gone = false;
        boolean unknownCte = false;
        for (int seq : seqs) {
            MessageInfo m = view.get(seq);
            boolean addFlags = newlySeen.contains(m.uid()) && !items.contains(FetchItem.Simple.FLAGS);
            try {
                writer.write(seq, m, addFlags);
            } catch (MessageGoneException e) { // nothing of it was written
                gone = true;
            } catch (BinarySection.UnknownCteException e) {
                unknownCte = true;
            }
        }
        if (unknownCte) { // RFC 3516 section 4.3
            return Completion.no("UNKNOWN-CTE", "Unknown Content-Transfer-Encoding.");
        }
        if (gone) {
            return Completion.no("EXPUNGEISSUED", "Some messages were expunged meanwhile.");
        }
        if (writer.damaged()) {
            return Completion.no("SERVERBUG", "Some message data could not be read.");
        }
        return Completion.ok("Fetch completed.");
    }

    private static List<Long> markSeen(FetchRequest req, SelectedMailbox selected, List<Integer> seqs)
            throws IOException {
        if (!req.setsSeen() || selected.readOnly()) {
            return List.of();
        }
        List<Long> unseen = new ArrayList<>();
        for (int seq : seqs) {
            MessageInfo m = selected.view().get(seq);
            if (!m.flags().contains(SystemFlag.SEEN)) {
                unseen.add(m.uid());
            }
        }
        if (!unseen.isEmpty()) {
            selected.view().storeFlags(unseen, FlagOperation.ADD, Flags.of(SystemFlag.SEEN));
        }
        return unseen;
    }
}
