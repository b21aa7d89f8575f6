package org.mailstack.imap.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.PrimitiveIterator;
import java.util.stream.LongStream;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.imap.parse.SequenceSet;
import org.mailstack.imap.response.UidSets;

/**
 * The UIDs of a {@code VANISHED (EARLIER)} response (RFC 7162 sections 3.2.5.2 and 3.2.6): those expunged since a
 * MODSEQ, from the store's expunge history. When the history does not reach back so far, every UID the view does not
 * hold is reported, as section 3.2.5.2 allows ("the server MAY ... include UIDs of messages that were never
 * present"). A {@code *} in the client's set stands for UIDNEXT-1, so expunges of the highest UIDs are reported too.
 */
public final class VanishedUids {
    /** seq-match-data pairs looked at, at most. */
    private static final int MAX_PAIRS = 100_000;

    private VanishedUids() {
    }

    /**
     * The wire form of the UIDs of {@code set} (null: every UID) that vanished since {@code modSeq}; empty when none.
     */
    public static String since(MailboxView view, long modSeq, SequenceSet set) throws IOException {
        return since(view, modSeq, set, null, null);
    }

    /**
     * As {@link #since(MailboxView, long, SequenceSet)}, with the client's seq-match-data (RFC 7162 section 3.2.5.2):
     * when the history is too short, UIDs up to the last pair whose sequence number still holds that UID are known
     * to be intact (an expunge below it would have moved the sequence number) and are left out.
     */
    public static String since(MailboxView view, long modSeq, SequenceSet set, SequenceSet knownSeqs,
                               SequenceSet knownSeqUids) throws IOException {
        long max = view.uidNext() - 1;
        if (max < 1) {
            return "";
        }
        Optional<long[]> history = view.expungedSince(modSeq);
        if (history.isPresent()) {
            long[] uids = history.get();
            if (set != null) {
                uids = Arrays.stream(uids).filter(u -> set.contains(u, max)).toArray();
            }
            return UidSets.format(uids);
        }
        long intact = lastMatchingUid(view, knownSeqs, knownSeqUids);
        StringBuilder out = new StringBuilder();
        for (long[] range : merged(set, max)) {
            if (range[1] > intact) {
                absentIn(view, Math.max(range[0], intact + 1), range[1], out);
            }
        }
        return out.toString();
    }

    /** The UID of the last seq-match-data pair, in order, that the view still matches; 0 when none does. */
    private static long lastMatchingUid(MailboxView view, SequenceSet seqs, SequenceSet uids) {
        if (seqs == null || uids == null) {
            return 0;
        }
        PrimitiveIterator.OfLong s = numbers(seqs);
        PrimitiveIterator.OfLong u = numbers(uids);
        long intact = 0;
        for (int pairs = 0; pairs < MAX_PAIRS && s.hasNext() && u.hasNext(); pairs++) {
            long seq = s.nextLong();
            long uid = u.nextLong();
            if (seq < 1 || seq > view.size() || view.get((int) seq).uid() != uid) {
                break;
            }
            intact = uid;
        }
        return intact;
    }

    /** The numbers of a set without {@code *}, in the order written. */
    private static PrimitiveIterator.OfLong numbers(SequenceSet set) {
        return set.ranges().stream().flatMapToLong(r -> r.from() <= r.to()
                ? LongStream.rangeClosed(r.from(), r.to())
                : LongStream.iterate(r.from(), n -> n >= r.to(), n -> n - 1)).iterator();
    }

    /** The set's ranges clipped to [1, max], sorted and merged. */
    private static List<long[]> merged(SequenceSet set, long max) {
        List<long[]> ranges = new ArrayList<>();
        if (set == null) {
            ranges.add(new long[] {1, max});
            return ranges;
        }
        for (SequenceSet.Range r : set.ranges()) {
            SequenceSet one = new SequenceSet(List.of(r));
            long lo = Math.max(1, one.low(max));
            long hi = Math.min(max, one.high(max));
            if (lo <= hi) {
                ranges.add(new long[] {lo, hi});
            }
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] r : ranges) {
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** Appends the UIDs in [lo, hi] that the view does not hold, as ranges. */
    private static void absentIn(MailboxView view, long lo, long hi, StringBuilder out) {
        int size = view.size();
        int i = firstAtLeast(view, lo);
        long next = lo;
        while (next <= hi) {
            long uid = i < size ? view.get(i + 1).uid() : Long.MAX_VALUE;
            if (uid > hi) {
                UidSets.append(out, next, hi);
                return;
            }
            if (uid > next) {
                UidSets.append(out, next, uid - 1);
            }
            next = uid + 1;
            i++;
        }
    }

    private static int firstAtLeast(MailboxView view, long uid) {
        int lo = 0;
        int hi = view.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (view.get(mid + 1).uid() < uid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
