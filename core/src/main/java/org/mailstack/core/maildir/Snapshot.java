package org.mailstack.core.maildir;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * An immutable picture of a folder, published by {@link FolderState} after every change: the messages in UID order
 * with the file each one had at that moment. Sessions read it without any lock.
 */
final class Snapshot {
    final long uidValidity;
    final long uidNext;
    final long highestModSeq;
    final long firstRecent;
    final MessageInfo[] messages;
    private final String[] fileNames;
    private final boolean[] inNew;
    private final long[] uids;

    Snapshot(long uidValidity, long uidNext, long highestModSeq, long firstRecent, MessageInfo[] messages,
             String[] fileNames, boolean[] inNew) {
        this(uidValidity, uidNext, highestModSeq, firstRecent, messages, fileNames, inNew, uidsOf(messages));
    }

    private Snapshot(long uidValidity, long uidNext, long highestModSeq, long firstRecent, MessageInfo[] messages,
                     String[] fileNames, boolean[] inNew, long[] uids) {
        this.uidValidity = uidValidity;
        this.uidNext = uidNext;
        this.highestModSeq = highestModSeq;
        this.firstRecent = firstRecent;
        this.messages = messages;
        this.fileNames = fileNames;
        this.inNew = inNew;
        this.uids = uids;
    }

    private static long[] uidsOf(MessageInfo[] messages) {
        long[] out = new long[messages.length];
        for (int i = 0; i < messages.length; i++) {
            out[i] = messages[i].uid();
        }
        return out;
    }

    /**
     * This snapshot with some messages' files (and so flags and MODSEQs) changed and the same set of UIDs: copies
     * the arrays and replaces only those entries, so a STORE to one message of a large folder costs no walk over
     * every message.
     */
    Snapshot withMoved(long uidNext, long highestModSeq, long firstRecent, List<UidEntry> moved,
                       Function<UidEntry, MessageInfo> infoOf) {
        MessageInfo[] m = messages.clone();
        String[] names = fileNames.clone();
        boolean[] inNewNow = inNew.clone();
        for (UidEntry e : moved) {
            int i = indexOf(e.uid);
            if (i >= 0) {
                m[i] = infoOf.apply(e);
                names[i] = e.fileName;
                inNewNow[i] = e.inNew;
            }
        }
        return new Snapshot(uidValidity, uidNext, highestModSeq, firstRecent, m, names, inNewNow, uids);
    }

    /** The UIDs in order, shared: callers must not change the array. */
    long[] uids() {
        return uids;
    }

    /** Index of a UID, or a negative number when absent. */
    int indexOf(long uid) {
        return Arrays.binarySearch(uids, uid);
    }

    String fileName(int index) {
        return fileNames[index];
    }

    boolean inNew(int index) {
        return inNew[index];
    }
}
