package org.mailstack.imap.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.mailstack.core.maildir.FolderNotFoundException;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.core.maildir.MessageInfo;
import org.mailstack.core.maildir.SyncResult;
import org.mailstack.imap.parse.ParseException;
import org.mailstack.imap.parse.SequenceSet;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.response.UidSets;
import org.slf4j.LoggerFactory;

/**
 * The selected mailbox of a session: the store's view plus what the session has told the client. Every change
 * found by {@link MailboxView#sync()} is announced from {@link #announce} (RFC 3501 section 7: EXPUNGE, EXISTS,
 * RECENT, FETCH FLAGS), so sequence numbers on both sides move together.
 */
public final class SelectedMailbox implements AutoCloseable {
    private final MailboxView view;
    private final AutoCloseable listener;
    /** Without a change signalled by this JVM, other processes' changes are looked for at most this often. */
    private static final long SYNC_INTERVAL_NANOS = 2_000_000_000L;

    private static final List<String> SYSTEM_FLAGS =
            List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft");

    private Set<String> announcedKeywords = Set.of();
    /** The UIDs of the result saved by SEARCH RETURN (SAVE), ascending (RFC 5182); expunged ones drop out. */
    private long[] savedUids = new long[0];
    /** The updating results by tag (RFC 5267 section 4.3), in the order they were made. */
    private final Map<String, ResultContext> contexts = new LinkedHashMap<>();
    private volatile boolean changed = true;
    private int announcedRecent;
    /** False once IMAP4rev2 is on: no RECENT response, no \Recent flag (RFC 9051 appendix E). */
    private boolean showRecent = true;
    private long lastSync = System.nanoTime();

    public SelectedMailbox(MailboxView view, Function<Runnable, AutoCloseable> listen) {
        this.view = view;
        this.listener = listen.apply(() -> changed = true);
        this.announcedRecent = view.recentCount();
    }

    public MailboxView view() {
        return view;
    }

    public void showRecent(boolean show) {
        this.showRecent = show;
    }

    /** Whether the message is shown with \Recent: it is recent and this session is not IMAP4rev2. */
    public boolean shownRecent(long uid) {
        return showRecent && view.isRecent(uid);
    }

    public boolean readOnly() {
        return view.isReadOnly();
    }

    /** Whether this JVM changed the folder since the last announcement (IDLE uses it to poll less). */
    public boolean changedHint() {
        return changed;
    }

    /** Writes FLAGS and PERMANENTFLAGS (RFC 3501 section 7.2.6): at SELECT, and again when keywords appear. */
    public void announceFlags(ImapWriter w) {
        List<String> flags = new ArrayList<>(SYSTEM_FLAGS);
        flags.addAll(view.keywords());
        announcedKeywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        announcedKeywords.addAll(view.keywords());
        w.untagged().atom("FLAGS").atomList(flags).crlf();
        List<String> permanent = new ArrayList<>();
        if (!view.isReadOnly()) {
            permanent.addAll(flags);
            if (view.canCreateKeywords()) {
                permanent.add("\\*");
            }
        }
        w.untagged().raw("OK [PERMANENTFLAGS ").atomList(permanent).raw("] Flags permitted.").crlf();
    }

    /** Re-announces FLAGS when the folder gained keywords the client has not been told about. */
    public void announceNewKeywords(ImapWriter w) {
        if (!announcedKeywords.containsAll(view.keywords())) {
            announceFlags(w);
        }
    }

    /** The result of an announcement: whether the session must end (folder deleted or UIDVALIDITY changed). */
    public enum Outcome { OK, GONE }

    /**
     * Syncs the view and writes the untagged responses for what changed. Unless {@code force}, the sync is skipped
     * when this JVM signalled no change and the last sync is recent: a sync costs a directory scan of the folder,
     * and changes by other processes only need to be seen eventually (NOOP and IDLE force it). With QRESYNC
     * enabled, expunges are announced as one {@code VANISHED} response instead of EXPUNGEs.
     */
    public Outcome announce(ImapWriter w, boolean condstore, boolean qresync, boolean force) throws IOException {
        if (!force && !changed && System.nanoTime() - lastSync < SYNC_INTERVAL_NANOS) {
            return Outcome.OK;
        }
        changed = false;
        lastSync = System.nanoTime();
        SyncResult r;
        try {
            r = view.sync();
        } catch (FolderNotFoundException e) {
            return Outcome.GONE;
        }
        if (r.uidValidityChanged()) {
            return Outcome.GONE;
        }
        announceNewKeywords(w);
        if (qresync && !r.expungedUids().isEmpty()) { // RFC 7162 section 3.2.10: VANISHED replaces EXPUNGE
            w.untagged().raw("VANISHED " + UidSets.format(r.expungedUids())).crlf();
        } else {
            for (int seq : r.expungedSequenceNumbers()) {
                w.untagged().number(seq).atom("EXPUNGE").crlf();
            }
        }
        for (MessageInfo m : r.flagsChanged()) {
            int seq = view.sequenceOf(m.uid());
            if (seq > 0) {
                fetchFlags(w, seq, m, true, condstore);
            }
        }
        if (!r.added().isEmpty()) {
            w.untagged().number(r.exists()).atom("EXISTS").crlf();
        }
        if (showRecent && (!r.added().isEmpty() || r.recent() != announcedRecent)) {
            w.untagged().number(r.recent()).atom("RECENT").crlf();
        }
        announcedRecent = r.recent();
        return Outcome.OK;
    }

    /** {@code * seq FETCH (UID u FLAGS (...) [MODSEQ (m)])}. */
    public void fetchFlags(ImapWriter w, int seq, MessageInfo m, boolean withUid, boolean condstore) {
        w.untagged().number(seq).atom("FETCH").open();
        if (withUid) {
            w.atom("UID").number(m.uid());
        }
        w.atom("FLAGS").atomList(FlagNames.toImap(m.flags(), shownRecent(m.uid())));
        if (condstore) {
            w.atom("MODSEQ").open().number(m.modSeq()).close();
        }
        w.close().crlf();
    }

    /** Saves a search result for {@code $} (RFC 5182 section 2.1); the UIDs in any order. */
    public void saveResult(Collection<Long> uids) {
        savedUids = uids.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** The most results kept updated at once; beyond it UPDATE is answered {@code NOUPDATE}. */
    public static final int MAX_CONTEXTS = 8;

    /**
     * Keeps a result updated under its command's tag, replacing one of the same tag; false (nothing kept) when
     * {@link #MAX_CONTEXTS} are kept already.
     */
    public boolean addContext(String tag, ResultContext context) {
        if (!contexts.containsKey(tag) && contexts.size() >= MAX_CONTEXTS) {
            return false;
        }
        contexts.put(tag, context);
        return true;
    }

    /** CANCELUPDATE (RFC 5267 section 4.3.2): stops updating the result of that tag, if there is one. */
    public void cancelContext(String tag) {
        contexts.remove(tag);
    }

    /**
     * Lets every kept result report its changes; one that fails is dropped with an untagged
     * {@code NO [NOUPDATE "tag"]} (RFC 5267 section 4.3).
     */
    public void updateContexts(ImapWriter w) {
        for (var it = contexts.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            try {
                e.getValue().update();
            } catch (IOException ex) {
                it.remove();
                LoggerFactory.getLogger(SelectedMailbox.class).info("search context dropped: {}",
                        ex.toString());
                w.untagged().raw("NO [NOUPDATE ").string(e.getKey()).raw("] ").text("Result no longer updated.")
                        .crlf();
            }
        }
    }

    /** Whether the message is in the saved search result. */
    public boolean isSaved(long uid) {
        return Arrays.binarySearch(savedUids, uid) >= 0;
    }

    /**
     * The sequence numbers a set names, ascending; UIDs when {@code uid} (RFC 3501 sections 6.4.8 and 9). {@code $}
     * names the saved result's messages still in the mailbox, in either form (RFC 5182 section 2.1).
     */
    public List<Integer> resolve(SequenceSet set, boolean uid) {
        List<Integer> out = new ArrayList<>();
        if (set.isSaved()) {
            for (long u : savedUids) {
                int seq = view.sequenceOf(u);
                if (seq > 0) {
                    out.add(seq);
                }
            }
            return out;
        }
        int size = view.size();
        if (size == 0) {
            if (!uid) {
                throw new ParseException("No messages");
            }
            return out;
        }
        if (!uid) {
            for (SequenceSet.Range r : set.ranges()) {
                if (r.from() > size || r.to() > size) {
                    throw new ParseException("Invalid message sequence number");
                }
            }
            BitSet seen = new BitSet(size + 1);
            for (SequenceSet.Range r : set.ranges()) {
                SequenceSet single = new SequenceSet(List.of(r));
                long lo = Math.max(1, single.low(size));
                long hi = Math.min(size, single.high(size));
                for (long s = lo; s <= hi; s++) {
                    seen.set((int) s);
                }
            }
            seen.stream().forEach(out::add);
            return out;
        }
        List<MessageInfo> messages = view.messages();
        long maxUid = messages.get(size - 1).uid();
        BitSet seen = new BitSet(size + 1);
        for (SequenceSet.Range r : set.ranges()) {
            SequenceSet single = new SequenceSet(List.of(r));
            long lo = single.low(maxUid);
            long hi = single.high(maxUid);
            int i = firstAtLeast(messages, lo);
            for (; i < size && messages.get(i).uid() <= hi; i++) {
                seen.set(i + 1);
            }
        }
        seen.stream().forEach(out::add);
        return out;
    }

    private static int firstAtLeast(List<MessageInfo> messages, long uid) {
        int lo = 0;
        int hi = messages.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (messages.get(mid).uid() < uid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (Exception e) {
            // nothing to release beyond the listener registration
        }
        view.close();
    }
}
