package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared state of one folder in this JVM: its UID list, keyword table and the latest {@link Snapshot}.
 *
 * <h2>The problems</h2>
 * A Maildir has no index: a message is a file, its flags are the end of its name, and anyone may add, rename or
 * delete files at any time: our SMTP delivery (maybe in another process), IMAP sessions in this JVM, another JVM
 * using this code, or a person with mutt over SSH. IMAP, however, wants every message to have a UID that is stable
 * for the life of the folder and never reused (RFC 3501 section 2.3.1.1), a MODSEQ that grows with every change
 * (RFC 7162), and sequence numbers that only change when the session is told. File names give none of that.
 *
 * <h2>The design</h2>
 * A per-folder UID list ({@link UidListFile}, like Dovecot's {@code dovecot-uidlist}) maps UID to the file's base
 * name (the part before {@code ':'}, which no flag change alters), with the internal date, size and MODSEQ, so that
 * opening a folder needs one directory listing and no stat or open per message. The list is brought up to date
 * with the directories by a scan: base names the list does not know get the next UIDs (in name order, which is
 * delivery order); known base names under a new name had their flags changed (new MODSEQ unless only the location
 * changed); base names no longer on disk were expunged. Files seen in {@code new/} are moved to {@code cur/}
 * with an empty {@code :2,} info (maildir(5): a reader moves what it has seen).
 *
 * <h2>Invariants</h2>
 * <ol>
 * <li>A UID is given only under the folder lock, after reading the newest list, from UIDNEXT; its record is written
 *     and fsync'd before any session can see it. So under one UIDVALIDITY a UID never names two messages.</li>
 * <li>UIDNEXT and HIGHESTMODSEQ never decrease: the header is a lower bound, every record raises them.</li>
 * <li>A file in {@code new/} or {@code cur/} is always complete: writers fsync in {@code tmp/} and then link or rename.
 *     Renames never replace: new names are created with link(2), which fails on an existing name.</li>
 * <li>A keyword letter is written durably to {@code dovecot-keywords} before any file name uses it, and a letter's
 *     meaning never changes.</li>
 * <li>UIDVALIDITY changes only when the list's header is lost or unreadable, or a record's UID is unreadable: then
 *     nothing proves which UIDs were given, and reusing one would show a client the wrong message. A lost list that
 *     this JVM still holds in memory is simply rewritten from memory, keeping UIDVALIDITY.</li>
 * </ol>
 *
 * <h2>Races, and what handles them</h2>
 * <ul>
 * <li><b>Delivery during a scan.</b> Delivery needs no lock (maildir(5): "no locks are ever necessary"): the file
 *     appears in {@code new/} atomically; a scan sees it now or at the next sync.</li>
 * <li><b>A rename during a scan.</b> {@code new/} is listed before {@code cur/}, so a move from new to cur is seen in
 *     one of them. A foreign tool renaming within {@code cur/} while readdir runs can hide a file from that listing,
 *     so a file is declared expunged only if it is missing from two listings in a row. Our own renames hold the
 *     lock, as do our scans, so they never race.</li>
 * <li><b>Two processes assigning UIDs.</b> Both take the lock file; each re-reads the list (only the appended tail when
 *     the file merely grew) before assigning.</li>
 * <li><b>Reading a message being renamed or expunged.</b> Sessions open files by the name in the latest snapshot; on
 *     ENOENT they search the directories for the base name; an already open descriptor stays readable after unlink.</li>
 * <li><b>Skipping unchanged directories.</b> A scan is skipped when the list file and the mtimes of {@code new/} and
 *     {@code cur/} are as they were at the last scan, but only if those mtimes were more than a second older than
 *     that scan, since two changes within one timestamp tick would leave the mtime unchanged.</li>
 * <li><b>A crash.</b> Appended records are whole lines; a last line without newline is an append that never
 *     finished and is ignored (its operation never returned). Compaction is write-temporary, fsync, rename.</li>
 * </ul>
 *
 * <h2>Departures from Dovecot</h2>
 * Changes are appended to the list and the list is compacted only when the log has grown to half the list: at
 * 100,000 messages the list is several megabytes and rewriting it for each flag change would cost more than the
 * change. Flags live only in file names (Dovecot also keeps them in its index); the list stores the file name so that
 * a flag change made while no session was running still gets a new MODSEQ.
 */
final class FolderState {
    private static final Logger LOG = LoggerFactory.getLogger(FolderState.class);
    private static final AtomicLong LAST_UIDVALIDITY = new AtomicLong();
    private static final long MTIME_TRUST_MILLIS = 1000;

    final FolderName name;
    final Path dir;
    final Keywords keywords;
    private final StoreOptions options;
    private final FolderLock lock;
    private final UidListFile file;
    private final FolderChanges changes;

    private UidList list;
    private UidListFile.Stamp stamp;
    private boolean dirty = true;
    private final Map<String, Flags> flagsByLetters = new HashMap<>();
    private int flagsKeywordVersion = -1;
    private volatile Snapshot snapshot;
    private volatile boolean deleted;

    /** What a folder reports to the store: quota deltas and change notifications. */
    interface FolderChanges {
        void removed(long bytes, int count) throws IOException;

        void changed(FolderName folder);
    }

    FolderState(FolderName name, Path dir, StoreOptions options, FolderChanges changes) {
        this.name = name;
        this.dir = dir;
        this.options = options;
        this.changes = changes;
        this.keywords = new Keywords(dir, options.fsync());
        this.lock = new FolderLock(dir);
        this.file = new UidListFile(dir, options.fsync());
    }

    void markDeleted() {
        deleted = true;
    }

    /** Brings the list up to date with the disk; with {@code claimRecent}, also claims \Recent (see {@link Refreshed}). */
    Refreshed refresh(boolean claimRecent) throws IOException {
        lockExisting();
        try {
            List<String> records = new ArrayList<>();
            boolean rebuilt = loadIfChanged();
            keywords.refresh();
            boolean curChanged = rebuilt || changedSinceScan("cur", list.scannedCur);
            if (curChanged || changedSinceScan("new", list.scannedNew)) {
                scan(records, rebuilt, curChanged);
            }
            long from = list.firstRecent;
            long to = list.uidNext;
            if (claimRecent && to > from) {
                list.firstRecent = to;
                records.add(UidListFile.recent(to));
            }
            persist(records);
            return new Refreshed(publish(), claimRecent ? from : to, to);
        } finally {
            lock.unlock();
        }
    }

    /** A published snapshot, and the UID range [{@code recentFrom}, {@code recentTo}) this caller claimed as \Recent. */
    record Refreshed(Snapshot snapshot, long recentFrom, long recentTo) {
    }

    /** The latest published snapshot, refreshing once if there is none yet. */
    Snapshot latest() throws IOException {
        Snapshot s = snapshot;
        return s != null ? s : refresh(false).snapshot();
    }

    void lockExisting() throws IOException {
        if (deleted || !Files.isDirectory(dir.resolve("cur"))) {
            throw new FolderNotFoundException(name);
        }
        try {
            lock.lock();
        } catch (NoSuchFileException e) {
            throw new FolderNotFoundException(name);
        }
    }

    void unlock() {
        lock.unlock();
    }

    // ---- the UID list file ----------------------------------------------------------------------------------------

    /** Re-reads the list if another process changed it; returns true when a new UIDVALIDITY had to be made. */
    private boolean loadIfChanged() throws IOException {
        UidListFile.Stamp now = file.stamp();
        if (list != null && now != null && now.equals(stamp)) {
            return false;
        }
        if (list != null && now != null && now.sameFile(stamp) && now.length() > stamp.length()) {
            byte[] tail = file.read(list.parsedLength);
            if (tail != null && list.applyTail(tail, 0)) {
                stamp = now;
                dirty = true;
                return false;
            }
        }
        byte[] content = file.read(0);
        UidList parsed = content == null ? null : UidList.parse(content);
        dirty = true;
        if (parsed != null) {
            if (parsed.damaged) {
                LOG.warn("UID list of folder {} had unusable records; their messages get new UIDs", name);
            }
            list = parsed;
            stamp = now;
            return false;
        }
        if (list != null) {
            LOG.warn("UID list of folder {} was {}; rewriting it from memory with the same UIDVALIDITY", name,
                    content == null ? "deleted" : "damaged");
            list.damaged = true;
            list.scannedNew = 0;
            list.scannedCur = 0;
            return false;
        }
        list = UidList.empty(newUidValidity(options.clock().instant()));
        list.damaged = true;
        boolean hadOne = content != null;
        if (hadOne || hasMessages()) {
            LOG.warn("UID list of folder {} was {}: rebuilt with new UIDVALIDITY {}", name,
                    hadOne ? "unreadable" : "missing", list.uidValidity);
        }
        return true;
    }

    /** A UIDVALIDITY above any this JVM gave before: seconds since the epoch, bumped within one second. */
    static long newUidValidity(Instant now) {
        long secs = Math.max(1, now.getEpochSecond() & 0xffffffffL);
        return LAST_UIDVALIDITY.updateAndGet(last -> Math.max(last + 1, secs));
    }

    private boolean hasMessages() throws IOException {
        for (String sub : new String[] {"new", "cur"}) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.resolve(sub))) {
                for (Path p : ds) {
                    if (MaildirNames.isMessageName(p.getFileName().toString())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void persist(List<String> records) throws IOException {
        if (records.isEmpty() && !list.damaged && stamp != null) {
            return;
        }
        if (list.scannedNew != 0 || list.scannedCur != 0) {
            records.add(UidListFile.scanned(list.scannedNew, list.scannedCur));
        }
        if (stamp == null || list.wantsCompaction()) {
            file.replace(list.compacted());
            list.damaged = false;
            list.logRecords = 0;
            UidListFile.Stamp now = file.stamp();
            list.parsedLength = now.length();
            stamp = now;
        } else {
            file.append(records);
            list.logRecords += records.size();
            UidListFile.Stamp now = file.stamp();
            list.parsedLength = now.length();
            stamp = now;
        }
        dirty = true;
    }

    // ---- scanning -------------------------------------------------------------------------------------------------

    private boolean changedSinceScan(String sub, long scannedMtime) throws IOException {
        return scannedMtime == 0 || nanos(mtime(sub)) != scannedMtime;
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }

    private FileTime mtime(String sub) throws IOException {
        try {
            return Files.getLastModifiedTime(dir.resolve(sub));
        } catch (NoSuchFileException e) {
            throw new FolderNotFoundException(name);
        }
    }

    private record Found(boolean inNew, String fileName) {
    }

    /** Lists both directories with {@code File.list()}: one String per entry, several times faster than NIO here. */
    private Map<String, Found> listDirectories(boolean withCur) throws IOException {
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
    private void scan(List<String> records, boolean rebuilding, boolean withCur) throws IOException {
        FileTime newMtime = mtime("new");
        FileTime curMtime = mtime("cur");
        long startedAt = options.clock().millis();
        Map<String, Found> found = listDirectories(withCur);
        if (!allKnownFound(found, withCur)) {
            found = listDirectories(withCur);
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
                e.moved(f.inNew(), f.fileName(), flagsChanged ? ++list.highestModSeq : e.modSeq);
                records.add(UidListFile.renamed(e));
            }
        }
        long goneBytes = 0;
        for (UidEntry e : gone) {
            list.remove(e.uid);
            goneBytes += e.size;
            records.add(UidListFile.expunged(e.uid, ++list.highestModSeq));
        }
        if (!gone.isEmpty()) {
            changes.removed(goneBytes, gone.size());
        }
        List<Found> unknown = new ArrayList<>(found.values());
        unknown.sort(Comparator.comparing(Found::fileName));
        for (Found f : unknown) {
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
        ownChanges(() -> moveNewToCur(records));
        dirty = true;
    }

    /** A listed directory's mtime, or 0 when it is too recent to prove that nothing changed after the listing. */
    private static long trusted(FileTime mtime, long listedAtMillis) {
        return mtime.toMillis() < listedAtMillis - MTIME_TRUST_MILLIS ? nanos(mtime) : 0;
    }

    private boolean allKnownFound(Map<String, Found> found, boolean withCur) {
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
    private void ownChanges(IoRunnable changes) throws IOException {
        boolean newInSync = list.scannedNew != 0 && nanos(mtime("new")) == list.scannedNew;
        boolean curInSync = list.scannedCur != 0 && nanos(mtime("cur")) == list.scannedCur;
        changes.run();
        list.scannedNew = newInSync ? nanos(mtime("new")) : 0;
        list.scannedCur = curInSync ? nanos(mtime("cur")) : 0;
    }

    interface IoRunnable {
        void run() throws IOException;
    }

    private void moveNewToCur(List<String> records) throws IOException {
        for (UidEntry e : list.byUid.values()) {
            if (!e.inNew) {
                continue;
            }
            String target = FlagCodec.curName(e.baseName, MaildirNames.flagLetters(e.fileName));
            try {
                Durable.moveNoReplace(dir.resolve("new").resolve(e.fileName), dir.resolve("cur").resolve(target));
                e.moved(false, target, e.modSeq);
                records.add(UidListFile.renamed(e));
            } catch (NoSuchFileException | java.nio.file.FileAlreadyExistsException ex) {
                // another process moved it first: the next full scan finds it in cur/
                list.scannedCur = 0;
            }
        }
    }

    // ---- publishing -------------------------------------------------------------------------------------------------

    private Snapshot publish() {
        if (!dirty && snapshot != null) {
            return snapshot;
        }
        int n = list.byUid.size();
        MessageInfo[] infos = new MessageInfo[n];
        String[] names = new String[n];
        boolean[] inNew = new boolean[n];
        int i = 0;
        for (UidEntry e : list.byUid.values()) {
            if (e.info == null) {
                e.info = new MessageInfo(e.uid, flagsOf(e.fileName), e.size,
                        Instant.ofEpochMilli(e.internalDateMillis), e.modSeq);
            }
            infos[i] = e.info;
            names[i] = e.fileName;
            inNew[i] = e.inNew;
            i++;
        }
        snapshot = new Snapshot(list.uidValidity, list.uidNext, list.highestModSeq, list.firstRecent, infos, names, inNew);
        dirty = false;
        return snapshot;
    }

    /** Decoded flags, shared between messages with the same letters (100,000 messages have few distinct sets). */
    private Flags flagsOf(String fileName) {
        if (flagsKeywordVersion != keywords.version()) {
            flagsByLetters.clear();
            flagsKeywordVersion = keywords.version();
        }
        return flagsByLetters.computeIfAbsent(MaildirNames.flagLetters(fileName),
                letters -> FlagCodec.decode(letters, keywords).flags());
    }

    // ---- changes made through the store (caller-facing operations live in FolderOperations) -------------------------

    /** Runs {@code body} under the lock with the list up to date, persists its records and publishes. */
    <T> T update(Update<T> body) throws IOException {
        lockExisting();
        boolean changed = false;
        try {
            loadIfChanged();
            keywords.refresh();
            List<String> records = new ArrayList<>();
            List<T> result = new ArrayList<>(1);
            ownChanges(() -> result.add(body.apply(list, records)));
            changed = !records.isEmpty();
            persist(records);
            publish();
            return result.get(0);
        } finally {
            lock.unlock();
            if (changed) {
                changes.changed(name);
            }
        }
    }

    /** A change to the list; add a record for every change made. */
    interface Update<T> {
        T apply(UidList list, List<String> records) throws IOException;
    }

    void removedBytes(long bytes, int count) throws IOException {
        changes.removed(bytes, count);
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

    /** The keywords, sorted, for the FLAGS response. */
    Collection<String> keywordNames() {
        return new TreeSet<>(keywords.all());
    }
}
