package org.mailstack.core.maildir;

import java.util.List;

/**
 * The changes {@link MailboxView#sync()} found since the view's previous state: what IMAP must announce with
 * EXPUNGE, EXISTS, RECENT and FETCH (RFC 3501 section 7.4.1, 7.3.1, 7.4.2).
 *
 * @param expungedUids             UIDs gone, ascending
 * @param expungedSequenceNumbers  the EXPUNGE responses to send, in sending order: old sequence numbers, descending,
 *                                 so each is still valid when the client receives it
 * @param added                    new messages, ascending UID, appended at the end of the view
 * @param flagsChanged             messages still present whose flags or MODSEQ changed (by another session or process),
 *                                 as they are now; their sequence numbers come from {@link MailboxView#sequenceOf}
 * @param exists                   the message count after the sync (EXISTS)
 * @param recent                   the \Recent count after the sync (RECENT)
 * @param uidValidityChanged       the UID list had to be rebuilt with a new UIDVALIDITY: the session must drop its
 *                                 selected state (e.g. answer {@code BYE} or re-SELECT); the other fields are then empty
 */
public record SyncResult(List<Long> expungedUids, List<Integer> expungedSequenceNumbers, List<MessageInfo> added,
                         List<MessageInfo> flagsChanged, int exists, int recent, boolean uidValidityChanged) {
    public SyncResult {
        expungedUids = List.copyOf(expungedUids);
        expungedSequenceNumbers = List.copyOf(expungedSequenceNumbers);
        added = List.copyOf(added);
        flagsChanged = List.copyOf(flagsChanged);
    }

    /** Nothing to announce. */
    public boolean isEmpty() {
        return expungedUids.isEmpty() && added.isEmpty() && flagsChanged.isEmpty() && !uidValidityChanged;
    }
}
