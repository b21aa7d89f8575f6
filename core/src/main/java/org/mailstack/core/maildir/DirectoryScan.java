package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.file.Files;
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

/**
 * Brings a folder's {@link UidList} up to date with its {@code new/} and {@code cur/} directories, and knows when it
 * need not look. Runs under the folder lock; see {@link FolderState} for the protocol and its races.
 */
final class DirectoryScan {
    private static final long MTIME_TRUST_MILLIS = 1000;

    private final FolderName name;
    private final Path dir;
    private final Clock clock;
    private final FolderState.FolderChanges changes;

    DirectoryScan(FolderName name, Path dir, Clock clock, FolderState.FolderChanges changes) {
        this.name = name;
        this.dir = dir;
        this.clock = clock;
        this.changes = changes;
    }


    boolean changedSinceScan(String sub, long scannedMtime) throws IOException {
        return scannedMtime == 0 || nanos(mtime(sub)) != scannedMtime;
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }

    FileTime mtime(String sub) throws IOException {
        try {
            return Files.getLastModifiedTime(dir.resolve(sub));
        } catch (NoSuchFileException e) {
            throw new FolderNotFoundException(name);
        }
    }

    private record Found(boolean inNew, String fileName) {
    }

    /** Lists both directories with {@code File.list()}: one String per entry, several times faster than NIO here. */
    private Map<String, Found> listDirectories(UidList list, boolean withCur) throws IOException {
        Map<String, Found> found = new HashMap<>(withCur ? Math.max(16, list.byUid.size() * 2) : 16);
        for (boolean inNew : withCur ? new boolean[] {true, false} : new boolean[] {true}) {
            String[] names = dir.resolve(inNew ? "new" : "cur").toFile().list();
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
        for (UidEntry e : list.byUid.values()) {
            if (!withCur && !e.inNew) {
                continue;
            }
            Found f = found.remove(e.baseName);
            if (f == null) {
                gone.add(e);
            } else if (f.inNew() != e.inNew || !f.fileName().equals(e.fileName)) {
                boolean flagsChanged = !MaildirNames.flagLetters(f.fileName()).equals(MaildirNames.flagLetters(e.fileName));
                list.moved(e, f.inNew(), f.fileName(), flagsChanged ? ++list.highestModSeq : e.modSeq);
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
            Path path = dir.resolve(f.inNew() ? "new" : "cur").resolve(f.fileName());
            long size = MaildirNames.sizeOf(f.fileName());
            Instant date = rebuilding ? null : MaildirNames.timeOf(f.fileName());
            if (size < 0 || date == null) {
                try {
                    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
                    size = size < 0 ? a.size() : size;
                    date = date == null ? a.lastModifiedTime().toInstant() : date;
                } catch (NoSuchFileException e) {
                    continue;
                }
            }
            UidEntry e = new UidEntry(list.uidNext++, MaildirNames.baseName(f.fileName()), date.toEpochMilli(), size,
                    f.inNew(), f.fileName(), ++list.highestModSeq);
            list.add(e);
            records.add(UidListFile.added(e));
        }
        list.scannedNew = trusted(newMtime, startedAt);
        if (withCur) {
            list.scannedCur = trusted(curMtime, startedAt);
        }
        ownChanges(list, () -> moveNewToCur(list, records));
    }

    /** A listed directory's mtime, or 0 when it is too recent to prove that nothing changed after the listing. */
    private static long trusted(FileTime mtime, long listedAtMillis) {
        return mtime.toMillis() < listedAtMillis - MTIME_TRUST_MILLIS ? nanos(mtime) : 0;
    }

    private boolean allKnownFound(UidList list, Map<String, Found> found, boolean withCur) {
        for (UidEntry e : list.byUid.values()) {
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
        boolean newInSync = list.scannedNew != 0 && nanos(mtime("new")) == list.scannedNew;
        boolean curInSync = list.scannedCur != 0 && nanos(mtime("cur")) == list.scannedCur;
        changes.run();
        list.scannedNew = newInSync ? nanos(mtime("new")) : 0;
        list.scannedCur = curInSync ? nanos(mtime("cur")) : 0;
    }

    interface IoRunnable {
        void run() throws IOException;
    }

    private void moveNewToCur(UidList list, List<String> records) throws IOException {
        for (UidEntry e : list.byUid.values()) {
            if (!e.inNew) {
                continue;
            }
            String target = FlagCodec.curName(e.baseName, MaildirNames.flagLetters(e.fileName));
            try {
                Durable.moveNoReplace(dir.resolve("new").resolve(e.fileName), dir.resolve("cur").resolve(target));
                list.moved(e, false, target, e.modSeq);
                records.add(UidListFile.renamed(e));
            } catch (NoSuchFileException | java.nio.file.FileAlreadyExistsException ex) {
                // another process moved it first: the next full scan finds it in cur/
                list.scannedCur = 0;
            }
        }
    }

    /** The file of a base name as it is on disk now (listing both directories, no lock), or null. */
    Path findOnDisk(String baseName) {
        for (String sub : new String[] {"new", "cur"}) {
            String[] names = dir.resolve(sub).toFile().list();
            for (String n : names == null ? new String[0] : names) {
                if (MaildirNames.baseName(n).equals(baseName)) {
                    return dir.resolve(sub).resolve(n);
                }
            }
        }
        return null;
    }
}
