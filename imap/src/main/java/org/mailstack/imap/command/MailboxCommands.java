package org.mailstack.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.mailstack.core.maildir.CopyResult;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.imap.parse.SequenceSet;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.response.UidSets;
import org.mailstack.imap.session.ImapSession;
import org.mailstack.imap.session.SelectedMailbox;

/**
 * Commands on the selected mailbox's messages as a whole: CLOSE, UNSELECT (RFC 3691), EXPUNGE and UID EXPUNGE
 * (RFC 4315), COPY and MOVE (RFC 6851) with COPYUID.
 */
final class MailboxCommands {

    private MailboxCommands() {
    }

    /** CLOSE (section 6.4.2): silent expunge unless read-only; UNSELECT: no expunge. */
    static final class Close implements ImapCommand {
        private final boolean expunge;

        Close(boolean expunge) {
            this.expunge = expunge;
        }



        @Override
        public Completion execute(ImapSession s, Request r) throws IOException {
            r.args().end();
            if (expunge && !s.selected().readOnly()) {
                s.selected().view().expunge();
            }
            s.deselect();
            return Completion.ok(expunge ? "Close completed." : "Unselect completed.");
        }
    }

    /**
     * EXPUNGE (section 6.4.3) and UID EXPUNGE; the EXPUNGE (or VANISHED) responses come from the announcement. With
     * QRESYNC enabled the tagged OK carries the HIGHESTMODSEQ after the expunge (RFC 7162 section 3.2.7), so the
     * changes are announced here first.
     */
    static final class Expunge implements ImapCommand {

        @Override
        public Completion execute(ImapSession s, Request r) throws IOException {
            SelectedMailbox selected = s.selected();
            if (r.uid()) {
                SequenceSet set = r.args().sequenceSet();
                r.args().end();
                if (!selected.readOnly()) {
                    selected.view().expunge(uids(selected, set, true));
                }
            } else {
                r.args().end();
                if (!selected.readOnly()) { // nothing to do in a read-only mailbox; OK, as Dovecot answers
                    selected.view().expunge();
                }
            }
            if (s.isEnabled(ImapSession.Extension.QRESYNC)) {
                if (!s.announceChanges(true)) {
                    return null; // the mailbox went away: BYE was sent
                }
                return Completion.ok("HIGHESTMODSEQ " + Math.max(1, selected.view().highestModSeq()),
                        "Expunge completed.");
            }
            return Completion.ok("Expunge completed.");
        }
    }

    /** COPY (section 6.4.7) and MOVE (RFC 6851 section 3), with their UID forms. */
    static final class Copy implements ImapCommand {
        private final boolean move;

        Copy(boolean move) {
            this.move = move;
        }


        @Override
        public Completion execute(ImapSession s, Request r) throws IOException {
            SequenceSet set = r.args().sequenceSet();
            r.args().sp();
            FolderName target = Args.folder(r.args());
            r.args().end();
            SelectedMailbox selected = s.selected();
            if (move) {
                requireWritable(selected);
            }
            List<Long> uids = uids(selected, set, r.uid());
            if (!s.store().exists(target)) {
                return Completion.no("TRYCREATE", "Mailbox does not exist");
            }
            if (uids.isEmpty()) {
                return Completion.ok(move ? "No messages moved." : "No messages copied.");
            }
            MailboxView view = selected.view();
            CopyResult result = move ? view.move(uids, target) : view.copy(uids, target);
            String copyUid = result.sourceUids().isEmpty() ? null : "COPYUID " + result.targetUidValidity() + " "
                    + UidSets.formatOrdered(result.sourceUids()) + " " + UidSets.formatOrdered(result.targetUids());
            if (move) {
                if (copyUid != null) {
                    s.writer().untagged().raw("OK [" + copyUid + "] Moved UIDs.").crlf();
                }
                return Completion.ok("Move completed.");
            }
            return copyUid == null ? Completion.ok("Copy completed.") : Completion.ok(copyUid, "Copy completed.");
        }
    }

    static List<Long> uids(SelectedMailbox selected, SequenceSet set, boolean uid) {
        List<Long> out = new ArrayList<>();
        for (int seq : selected.resolve(set, uid)) {
            out.add(selected.view().get(seq).uid());
        }
        return out;
    }

    static void requireWritable(SelectedMailbox selected) {
        if (selected.readOnly()) {
            throw new NoException("READ-ONLY", "Mailbox is read-only.");
        }
    }
}
