package org.mailstack.core.maildir;

import java.util.Arrays;

/**
 * The UIDs a folder expunged, each with the MODSEQ of its expunge, for QRESYNC (RFC 7162 section 3.2: the server
 * "MUST associate the incremented mod-sequence with the UIDs of the expunged messages"). Guarded by the folder lock.
 *
 * <p>Bounded: only the last {@link #CAPACITY} expunges are kept. {@link #floor} is the highest MODSEQ below which
 * the history may be incomplete (entries dropped, or a list written before histories were kept); asking for the
 * expunges since a MODSEQ under the floor gets no answer, and the IMAP layer then reports every UID it cannot find,
 * as RFC 7162 section 3.2.5.2 allows.
 *
 * <p>Entries are kept in the order they were recorded, which is ascending MODSEQ: every expunge takes a new,
 * higher MODSEQ under the folder lock.
 */
final class ExpungeHistory {
    static final int CAPACITY = 10_000;

    private long[] uids = new long[16];
    private long[] modSeqs = new long[16];
    private int start;
    private int end;
    private long floor;

    ExpungeHistory(long floor) {
        this.floor = floor;
    }

    /** Every expunge with a MODSEQ above this is recorded. */
    long floor() {
        return floor;
    }

    void floor(long value) {
        floor = value;
    }

    int size() {
        return end - start;
    }

    void add(long uid, long modSeq) {
        if (end == uids.length) {
            if (start > 0) {
                System.arraycopy(uids, start, uids, 0, end - start);
                System.arraycopy(modSeqs, start, modSeqs, 0, end - start);
                end -= start;
                start = 0;
            } else {
                uids = Arrays.copyOf(uids, uids.length * 2);
                modSeqs = Arrays.copyOf(modSeqs, modSeqs.length * 2);
            }
        }
        uids[end] = uid;
        modSeqs[end] = modSeq;
        end++;
        while (size() > CAPACITY) {
            floor = Math.max(floor, modSeqs[start]);
            start++;
        }
    }

    /** UIDs expunged with a MODSEQ above {@code modSeq}, ascending; null when the history does not reach so far. */
    long[] since(long modSeq) {
        if (modSeq < floor) {
            return null;
        }
        int from = end;
        while (from > start && modSeqs[from - 1] > modSeq) {
            from--;
        }
        long[] out = Arrays.copyOfRange(uids, from, end);
        Arrays.sort(out);
        return out;
    }

    /** The records that keep the history in a compacted list: the floor, then one {@code -} line per entry. */
    void appendTo(StringBuilder out) {
        out.append(UidListFile.historyFloor(floor));
        for (int i = start; i < end; i++) {
            out.append(UidListFile.expunged(uids[i], modSeqs[i]));
        }
    }
}
