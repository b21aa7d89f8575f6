package org.mailstack.core.maildir;

/**
 * One message in a folder's UID list: its UID, where the file is now, and what IMAP needs without a stat.
 * Mutable, guarded by the folder's lock; {@link #info} caches the immutable view handed to sessions.
 */
final class UidEntry {
    final long uid;
    final String baseName;
    final long internalDateMillis;
    final long size;
    boolean inNew;
    String fileName;
    long modSeq;
    MessageInfo info;

    UidEntry(long uid, String baseName, long internalDateMillis, long size, boolean inNew, String fileName, long modSeq) {
        this.uid = uid;
        this.baseName = baseName;
        this.internalDateMillis = internalDateMillis;
        this.size = size;
        this.inNew = inNew;
        this.fileName = fileName;
        this.modSeq = modSeq;
    }

    void moved(boolean nowInNew, String newFileName, long newModSeq) {
        inNew = nowInNew;
        fileName = newFileName;
        modSeq = newModSeq;
        info = null;
    }
}
