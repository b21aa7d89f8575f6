package org.mailstack.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.core.maildir.MessageGoneException;
import org.mailstack.core.maildir.MessageInfo;
import org.mailstack.imap.parse.SearchKey;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.response.UidSets;
import org.mailstack.imap.session.ImapSession;
import org.mailstack.imap.session.ResultContext;

/**
 * A SEARCH or SORT result kept up to date after {@code RETURN (UPDATE)} (CONTEXT=SEARCH and CONTEXT=SORT, RFC 5267
 * section 4.3). After each announcement of the mailbox's changes it re-evaluates the search key on the messages
 * whose MODSEQ rose since it last looked (new messages, flag changes, this session's own STOREs) and drops the
 * expunged ones, then sends {@code * ESEARCH (TAG "t") UID REMOVEFROM (pos uids)} and {@code ADDTO (pos uids)}.
 * Updates always name UIDs, as sequence numbers would not survive the expunges they report. A SEARCH result's
 * position is 0 (unordered); a SORT result's is the 1-based place in the sorted result, one message per response,
 * each applied after the one before: a removed message's place before it goes, an added message's place after it
 * is inserted. Messages that did not change are not looked at again, so keys that depend on the session rather
 * than the message (sequence numbers, RECENT, {@code $}) keep the answer they gave.
 */
final class SearchContext implements ResultContext {
    private final ImapSession session;
    private final String tag;
    private final SearchKey key;
    /** The sort order, or null for a SEARCH result (ascending UIDs). */
    private final Comparator<SortCommand.Row> order;
    private final Set<Long> members;
    /** A SORT result's UIDs in sort order (null for SEARCH). */
    private final List<Long> sorted;
    /** HIGHESTMODSEQ of the view when the result was last brought up to date. */
    private long seenModSeq;

    private SearchContext(ImapSession session, String tag, SearchKey key, Comparator<SortCommand.Row> order,
                          List<Long> uids) {
        this.session = session;
        this.tag = tag;
        this.key = key;
        this.order = order;
        this.members = order == null ? new TreeSet<>(uids) : new HashSet<>(uids);
        this.sorted = order == null ? null : new ArrayList<>(uids);
        this.seenModSeq = session.selected().view().highestModSeq();
    }

    /**
     * Keeps the result just answered, under the command's tag; when the session keeps too many already, answers
     * {@code * NO [NOUPDATE "tag"]} (RFC 5267 section 4.3) and keeps nothing.
     *
     * @param order the SORT order, null for SEARCH
     * @param uids  the result's UIDs, in result order
     */
    static void register(ImapSession s, String tag, SearchKey key, Comparator<SortCommand.Row> order,
                         List<Long> uids) {
        if (!s.selected().addContext(tag, new SearchContext(s, tag, key, order, uids))) {
            s.writer().untagged().raw("NO [NOUPDATE ").string(tag).raw("] ").text("Too many updating results.")
                    .crlf();
        }
    }

    @Override
    public void update() throws IOException {
        MailboxView view = session.selected().view();
        List<Long> removed = new ArrayList<>();
        for (long uid : members) {
            if (view.sequenceOf(uid) == 0) {
                removed.add(uid);
            }
        }
        List<Long> added = new ArrayList<>();
        SearchEvaluator evaluator = new SearchEvaluator(session);
        List<MessageInfo> messages = view.messages();
        for (int i = 0; i < messages.size(); i++) {
            MessageInfo m = messages.get(i);
            if (m.modSeq() <= seenModSeq) {
                continue;
            }
            boolean matches;
            try {
                matches = evaluator.matches(key, i + 1, m);
            } catch (MessageGoneException e) {
                matches = false; // expunged meanwhile: its removal is reported with the next sync
            }
            boolean member = members.contains(m.uid());
            if (matches && !member) {
                added.add(m.uid());
            } else if (!matches && member) {
                removed.add(m.uid());
            }
        }
        seenModSeq = view.highestModSeq();
        if (order == null) {
            updateSearch(removed, added);
        } else {
            updateSort(view, removed, added);
        }
    }

    private void updateSearch(List<Long> removed, List<Long> added) {
        ImapWriter w = session.writer();
        if (!removed.isEmpty()) {
            members.removeAll(removed);
            Collections.sort(removed);
            write(w, "REMOVEFROM", 0, UidSets.format(removed));
        }
        if (!added.isEmpty()) {
            members.addAll(added);
            write(w, "ADDTO", 0, UidSets.format(added));
        }
    }

    private void updateSort(MailboxView view, List<Long> removed, List<Long> added) throws IOException {
        ImapWriter w = session.writer();
        if (!removed.isEmpty()) {
            Set<Long> gone = new HashSet<>(removed);
            int kept = 0;
            for (int i = 0; i < sorted.size(); i++) {
                long uid = sorted.get(i);
                if (gone.contains(uid)) {
                    write(w, "REMOVEFROM", kept + 1, Long.toString(uid));
                } else {
                    sorted.set(kept++, uid);
                }
            }
            sorted.subList(kept, sorted.size()).clear();
            members.removeAll(gone);
        }
        Map<Long, SortCommand.Row> rows = new HashMap<>();
        for (long uid : added) { // ascending UID: equal keys keep arrival order
            SortCommand.Row row;
            try {
                row = row(view, uid, rows);
            } catch (MessageGoneException e) {
                continue; // expunged meanwhile: never announced as part of the result
            }
            int lo = 0;
            int hi = sorted.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (order.compare(row(view, sorted.get(mid), rows), row) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            sorted.add(lo, uid);
            members.add(uid);
            write(w, "ADDTO", lo + 1, Long.toString(uid));
        }
    }

    /** The sort row of a message in the view, its envelope from the structure cache. */
    private SortCommand.Row row(MailboxView view, long uid, Map<Long, SortCommand.Row> rows) throws IOException {
        SortCommand.Row row = rows.get(uid);
        if (row == null) {
            int seq = view.sequenceOf(uid);
            if (seq == 0) {
                throw new MessageGoneException(view.folder(), uid);
            }
            row = new SortCommand.Row(seq, view.get(seq),
                    session.server().structures().get(session.account(), view, uid).envelope());
            rows.put(uid, row);
        }
        return row;
    }

    /** {@code * ESEARCH (TAG "t") UID name (position set)}. */
    private void write(ImapWriter w, String name, int position, String set) {
        SearchResults.correlator(w, tag, true);
        w.atom(name).open().number(position).atom(set).close().crlf();
    }
}
