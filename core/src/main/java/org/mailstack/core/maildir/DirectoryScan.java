package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.mailstack.core.files.RefusedFileException;

/**
 * Brings a folder's {@link UidList} up to date with its {@code new/} and {@code cur/} directories, and knows when it
 * need not look. Runs under the folder lock; see {@link FolderState} for the protocol and its races.
 *
 * <p>Only regular files are messages. A name the list does not know yet, or knows under another name, is looked at
 * (fstatat through the open directory, no link followed) before it is taken: a link, FIFO, socket or directory is
 * left out (logged once) and never gets a UID, so no session can ask for it. Names the list knows under the same
 * name cost nothing: the listing gives names only, and a stat per message would make a large folder slow to open.
 * A file replaced by something else under the same name is caught when it is opened ({@link FolderState#open}).
 */
final class DirectoryScan {
    private static final long MTIME_TRUST_MILLIS = 1000;

    private final FolderName name;
    private final FolderDirs dirs;
    private final Clock clock;
    private final FolderState.FolderChanges changes;

    DirectoryScan(FolderName name, FolderDirs dirs, Clock clock, FolderState.FolderChanges changes) {
        this.name = name;
        this.dirs = dirs;
        this.clock = clock;
        this.changes = changes;
    }

    boolean changedSinceScan(String sub, long scannedMtime) throws IOException {
        return scannedMtime == 0 || nanos(mtime(sub)) != scannedMtime;
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }

    /** The mtime of {@code new/} or {@code cur/}; the open directories are checked against the path on the way. */
    FileTime mtime(String sub) throws IOException {
        return dirs.check(sub).lastModifiedTime();
    }

    private record Found(boolean inNew, String fileName) {
        boolean matches(UidEntry e) {
            return inNew == e.inNew && fileName.equals(e.fileName);
        }
    }

    /**
     * Lists both directories with {@code File.list()}: one String per entry, several times faster than NIO here. The
     * listing goes by path; a directory swapped for a link while it runs can only add names that the checks through
     * the open directory then do not find, or hide names from one listing (see {@link #allKnownFound}).
     */
    private Map<String, Found> listDirectories(UidList list, boolean withCur) throws IOException {
        Map<String, Found> found = new HashMap<>(withCur ? Math.max(16, list.size() * 2) : 16);
        for (boolean inNew : withCur ? new boolean[] {true, false} : new boolean[] {true}) {
            String[] names = dirs.dir.resolve(inNew ? FolderDirs.NEW : FolderDirs.CUR).toFile().list();
            if (names == null) {
                throw new FolderNotFoundException(name);
            }
            for (String fileName : names) {
                if (MaildirNames.isMessageName(fileName)) {
                    found.put(MaildirNames.baseName(fileName), new Found(inNew, fileName));
                }
            }
        }
        return found;
    }

    /**
     * Compares the directories with the list. When {@code cur/} has not changed since the list last matched it, only
     * {@code new/} is listed: the common case of new mail in a large folder costs a listing of {@code new/} only.
     */
    void scan(UidList list, List<String> records, boolean rebuilding, boolean withCur) throws IOException {
        FileTime newMtime = mtime("new");
        FileTime curMtime = mtime("cur");
        long startedAt = clock.millis();
        Map<String, Found> found = listDirectories(list, withCur);
        if (!allKnownFound(list, found, withCur)) {
            found = listDirectories(list, withCur);
        }
        List<UidEntry> gone = new ArrayList<>();
        for (UidEntry e : list.byUid().values()) {
            if (!withCur && !e.inNew) {
                continue;
            }
            Found f = found.remove(e.baseName);
            if (f == null || (!f.matches(e) && isRefused(f))) {
                gone.add(e);
            } else if (!f.matches(e)) {
                boolean flagsChanged = !MaildirNames.flagLetters(f.fileName()).equals(MaildirNames.flagLetters(e.fileName));
                list.moved(e, f.inNew(), f.fileName(), flagsChanged ? list.nextModSeq() : e.modSeq);
                records.add(UidListFile.renamed(e));
            }
        }
        long goneBytes = 0;
        for (UidEntry e : gone) {
            goneBytes += e.size;
            records.add(list.expunge(e.uid));
        }
        if (!gone.isEmpty()) {
            changes.removed(goneBytes, gone.size());
        }
        List<Map.Entry<MaildirNames.DeliveryKey, Found>> unknown = new ArrayList<>(found.size());
        for (Found f : found.values()) {
            unknown.add(Map.entry(MaildirNames.DeliveryKey.of(f.fileName()), f));
        }
        unknown.sort(Map.Entry.comparingByKey());
        for (Map.Entry<MaildirNames.DeliveryKey, Found> k : unknown) {
            Found f = k.getValue();
            BasicFileAttributes a = regular(f);
            if (a == null) {
                continue;
            }
            long size = MaildirNames.sizeOf(f.fileName());
            Instant date = rebuilding ? null : MaildirNames.timeOf(f.fileName());
            size = size < 0 ? a.size() : size;
            date = date == null ? a.lastModifiedTime().toInstant() : date;
            UidEntry e = new UidEntry(list.nextUid(), MaildirNames.baseName(f.fileName()), date.toEpochMilli(), size,
                    f.inNew(), f.fileName(), list.nextModSeq());
            list.add(e);
            records.add(UidListFile.added(e));
        }
        list.scannedNew(trusted(newMtime, startedAt));
        if (withCur) {
            list.scannedCur(trusted(curMtime, startedAt));
        }
        ownChanges(list, () -> moveNewToCur(list, records));
    }

    /** The attributes of a listed regular file; null when it is gone or refused (a link, FIFO...: logged once). */
    private BasicFileAttributes regular(Found f) throws IOException {
        try {
            return dirs.messages(f.inNew()).regular(f.fileName());
        } catch (RefusedFileException e) {
            return null;
        }
    }

    /** Whether a known message's file now under another name is something else than a regular file. */
    private boolean isRefused(Found f) throws IOException {
        try {
            dirs.messages(f.inNew()).regular(f.fileName());
            return false;
        } catch (RefusedFileException e) {
            return true;
        }
    }

    /** A listed directory's mtime, or 0 when it is too recent to prove that nothing changed after the listing. */
    private static long trusted(FileTime mtime, long listedAtMillis) {
        return mtime.toMillis() < listedAtMillis - MTIME_TRUST_MILLIS ? nanos(mtime) : 0;
    }

    private boolean allKnownFound(UidList list, Map<String, Found> found, boolean withCur) {
        for (UidEntry e : list.byUid().values()) {
            if ((withCur || e.inNew) && !found.containsKey(e.baseName)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs changes this process makes to the directories under the lock. A directory the list matched before still
     * matches it afterwards (every change is recorded), so its new mtime is recorded and no rescan follows. The cost:
     * a foreign change within the same timestamp tick right after ours is found only at the next change of that
     * directory.
     */
    void ownChanges(UidList list, IoRunnable changes) throws IOException {
        boolean newInSync = list.scannedNew() != 0 && nanos(mtime("new")) == list.scannedNew();
        boolean curInSync = list.scannedCur() != 0 && nanos(mtime("cur")) == list.scannedCur();
        changes.run();
        list.scannedNew(newInSync ? nanos(mtime("new")) : 0);
        list.scannedCur(curInSync ? nanos(mtime("cur")) : 0);
    }

    interface IoRunnable {
        void run() throws IOException;
    }

    private void moveNewToCur(UidList list, List<String> records) throws IOException {
        for (UidEntry e : list.byUid().values()) {
            if (!e.inNew) {
                continue;
            }
            String target = FlagCodec.curName(e.baseName, MaildirNames.flagLetters(e.fileName));
            String source = e.fileName;
            try {
                Durable.moveNoReplace(dirs.dir.resolve(FolderDirs.NEW).resolve(source),
                        dirs.dir.resolve(FolderDirs.CUR).resolve(target), () -> dirs.messages(true).delete(source));
                list.moved(e, false, target, e.modSeq);
                records.add(UidListFile.renamed(e));
            } catch (NoSuchFileException | FileAlreadyExistsException ex) {
                // another process moved it first: the next full scan finds it in cur/
                list.scannedCur(0);
            }
        }
    }

    /** Where a message's file is: in {@code new/} or {@code cur/}, under which name. */
    record Located(boolean inNew, String fileName) {
        Path in(Path folderDir) {
            return folderDir.resolve(inNew ? FolderDirs.NEW : FolderDirs.CUR).resolve(fileName);
        }
    }

    /** The file of a base name as it is on disk now (listing both directories, no lock), or null. */
    Located findOnDisk(String baseName) {
        for (boolean inNew : new boolean[] {true, false}) {
            String[] names = dirs.dir.resolve(inNew ? FolderDirs.NEW : FolderDirs.CUR).toFile().list();
            for (String n : names == null ? new String[0] : names) {
                if (MaildirNames.isMessageName(n) && MaildirNames.baseName(n).equals(baseName)) {
                    return new Located(inNew, n);
                }
            }
        }
        return null;
    }
}
