package org.mailstack.core.maildir;

import java.util.Arrays;

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
        this.uidValidity = uidValidity;
        this.uidNext = uidNext;
        this.highestModSeq = highestModSeq;
        this.firstRecent = firstRecent;
        this.messages = messages;
        this.fileNames = fileNames;
        this.inNew = inNew;
        this.uids = new long[messages.length];
        for (int i = 0; i < messages.length; i++) {
            uids[i] = messages[i].uid();
        }
    }

    /** Index of a UID, or a negative number when absent. */
    int indexOf(long uid) {
        return Arrays.binarySearch(uids, uid);
    }

    /** The path of a message relative to the folder directory, or null when absent. */
    String relativePath(long uid) {
        int i = indexOf(uid);
        return i < 0 ? null : (inNew[i] ? "new/" : "cur/") + fileNames[i];
    }

    String fileName(int index) {
        return fileNames[index];
    }
}
