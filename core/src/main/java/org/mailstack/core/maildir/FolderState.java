package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
 * with the directories by a scan: base names the list does not know get the next UIDs in delivery order (seconds,
 * microseconds, counter of the name, compared as numbers: {@link MaildirNames.DeliveryKey}); known base names under
 * a new name had their flags changed (new MODSEQ unless only the location changed); base names no longer on disk
 * were expunged. Files seen in {@code new/} are moved to {@code cur/}
 * with an empty {@code :2,} info (maildir(5): a reader moves what it has seen).
 *
 * <h2>Invariants</h2>
 * <ol>
 * <li>A UID is given only under the folder lock, after reading the newest list, from UIDNEXT; its record is written,
 *     and an fsync'd {@code L} record covers it, before any session can see it. So under one UIDVALIDITY a UID never
 *     names two messages, even after a crash (see Durability).</li>
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
 * <li><b>Links and special files the owner plants.</b> The owner has a shell and may put a symbolic link, a FIFO or
 *     a directory anywhere in the Maildir, or swap a directory for a link at any moment. Every file is read, listed,
 *     renamed and removed through the folder's open directories ({@link FolderDirs}), relative to their descriptors
 *     and without following links; only regular files become messages ({@link DirectoryScan}); a message is opened
 *     only if it is still a regular file ({@link #open}). Names read from the UID list are checked to be one plain
 *     path element. What the store writes is created exclusively or opened without following links.</li>
 * <li><b>Skipping unchanged directories.</b> The list records ({@code S} records) the mtimes of {@code new/} and
 *     {@code cur/} at which it matched them. A scan is skipped when both are unchanged, and only {@code new/} is
 *     listed when only it changed (new mail). A listed directory's mtime is recorded only if it was more than a
 *     second older than the listing, since two changes within one timestamp tick leave the mtime unchanged. After
 *     this process's own changes under the lock, the new mtime is recorded if the list matched the directory
 *     before: every such change is in the list. The price: a foreign rename within the same tick right after ours
 *     is seen only at the next change of that directory.</li>
 * <li><b>A crash.</b> Appended records are whole lines; a last line without newline is an append that never
 *     finished and is ignored. Compaction is write-temporary, fsync, rename. Lost records: see Durability.</li>
 * </ul>
 *
 * <h2>Durability</h2>
 * The mail itself is durable before any UID is given (file fsync'd in {@code tmp/}, linked, directory fsync'd), and
 * so is an expunge (directory fsync'd after the unlink). The list's records are not fsync'd one by one: a process
 * that dies leaves them in the page cache, and only a crash of the machine loses them. What must then never happen is
 * a UID or MODSEQ that a client saw being given again to something else. So, like a database sequence cache, the
 * list holds durable limits ({@code L}): UIDs below and MODSEQs up to them may be given without an fsync; passing a
 * limit raises it (1,000 UIDs, 10,000 MODSEQs ahead) in an fsync'd write. A writer that stops cleanly appends
 * {@code C} and fsyncs; the first write after a {@code C} is fsync'd too, so a list that ends in {@code C} lost
 * nothing. A process loading a list that does not end in {@code C} while no other process holds the folder live
 * ({@link FolderLock#holdLive}) recovers ({@link UidList#recover}): UIDs continue from the limit, every message gets
 * a new MODSEQ above it, and both directories are listed again. Lost flag renames and lost records so become, for a
 * client, a new UID or a changed message, never a reused number. Dovecot's {@code mail_fsync=optimized} makes the
 * same trade for its index; the limits are what keep the numbers safe.
 *
 * <h2>Publishing</h2>
 * A {@link Snapshot} is published after every change. While no message was added or removed and the list was not
 * read anew ({@link UidList#structureVersion()}), only the entries renamed since the last snapshot
 * ({@link UidList#movedSincePublish()}) are replaced in copies of its arrays; otherwise it is built from every entry.
 * So a STORE to one message costs an array copy, not a walk over every message of a large folder.
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

    final FolderName name;
    final Path dir;
    final FolderDirs dirs;
    final Keywords keywords;
    private final StoreOptions options;
    private final FolderLock lock;
    private final UidListFile file;
    private final FolderChanges changes;
    private final DirectoryScan scanner;

    private UidList list;
    private UidListFile.Stamp stamp;
    private boolean dirty = true;
    private final Map<String, Flags> flagsByLetters = new HashMap<>();
    private int flagsKeywordVersion = -1;
    private volatile Snapshot snapshot;
    /** The list and its structure version the snapshot was built from: while both hold, publishing patches. */
    private UidList publishedList;
    private int publishedStructure;
    private volatile boolean deleted;

    /** What a folder reports to the store: quota deltas and change notifications. */
    interface FolderChanges {
        void removed(long bytes, int count) throws IOException;

        void changed(FolderName folder);
    }

    FolderState(FolderName name, Path dir, MaildirRoot root, StoreOptions options, FolderChanges changes) {
        this.name = name;
        this.dir = dir;
        this.options = options;
        this.changes = changes;
        this.dirs = new FolderDirs(root, name, dir);
        this.keywords = new Keywords(dirs, options.fsync());
        this.lock = new FolderLock(dir, dirs);
        this.file = new UidListFile(dirs, options.fsync());
        this.scanner = new DirectoryScan(name, dirs, options.clock(), changes);
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
            boolean curChanged = rebuilt || scanner.changedSinceScan("cur", list.scannedCur());
            if (curChanged || scanner.changedSinceScan("new", list.scannedNew())) {
                scanner.scan(list, records, rebuilt, curChanged);
                dirty = true;
            }
            long from = list.firstRecent();
            long to = list.uidNext();
            if (claimRecent && to > from) {
                records.add(list.claimRecent());
            }
            persist(records);
            return new Refreshed(publish(), claimRecent ? from : to, to);
        } finally {
            lock.unlock();
        }
    }

    /** The UIDs expunged with a MODSEQ above {@code modSeq}, ascending, or null when the history is shorter. */
    long[] expungedSince(long modSeq) throws IOException {
        lockExisting();
        try {
            loadIfChanged();
            return list.history().since(modSeq);
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
        if (deleted) {
            throw new FolderNotFoundException(name);
        }
        dirs.check(FolderDirs.CUR);
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
            byte[] tail = file.read(list.parsedLength());
            if (tail != null && !UidListFile.unreadable(tail) && list.applyTail(tail, 0)) {
                stamp = now;
                dirty = true;
                return false;
            }
        }
        byte[] content = file.read(0);
        UidList parsed = content == null ? null : UidList.parse(content);
        dirty = true;
        boolean firstLoad = list == null;
        boolean alone = firstLoad && !lock.othersLive();
        if (firstLoad) {
            lock.holdLive();
        }
        if (parsed != null) {
            if (parsed.damaged()) {
                LOG.warn("UID list of folder {} had unusable records; their messages get new UIDs", name);
            }
            if (alone && !parsed.clean()) {
                parsed.recover();
                LOG.info("folder {} was not closed cleanly: new UIDs start at {}, every message gets MODSEQ {}", name,
                        parsed.uidNext(), parsed.highestModSeq());
            }
            list = parsed;
            stamp = now;
            return false;
        }
        if (list != null) {
            LOG.warn("UID list of folder {} was {}; rewriting it from memory with the same UIDVALIDITY", name,
                    content == null ? "deleted" : "damaged");
            list.markDamaged();
            return false;
        }
        list = UidList.empty(newUidValidity(options.clock().instant()));
        list.markDamaged();
        boolean hadOne = content != null;
        if (hadOne || hasMessages()) {
            LOG.warn("UID list of folder {} was {}: rebuilt with new UIDVALIDITY {}", name,
                    hadOne ? "unreadable" : "missing", list.uidValidity());
        }
        return true;
    }

    /** A UIDVALIDITY above any this JVM gave before: seconds since the epoch, bumped within one second. */
    static long newUidValidity(Instant now) {
        long secs = Math.max(1, now.getEpochSecond() & 0xffffffffL);
        return LAST_UIDVALIDITY.updateAndGet(last -> Math.max(last + 1, secs));
    }

    private boolean hasMessages() throws IOException {
        for (boolean inNew : new boolean[] {true, false}) {
            for (String n : dirs.messages(inNew).names()) {
                if (MaildirNames.isMessageName(n)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void persist(List<String> records) throws IOException {
        if (records.isEmpty() && !list.damaged() && !list.recovered() && stamp != null) {
            return;
        }
        if (list.scannedNew() != 0 || list.scannedCur() != 0) {
            records.add(UidListFile.scanned(list.scannedNew(), list.scannedCur()));
        }
        String limits = list.raiseLimits();
        if (stamp == null || list.wantsCompaction()) {
            file.replace(list.compacted());
            list.compactionWritten();
        } else {
            boolean durable = list.clean() || limits != null;
            if (limits != null) {
                records.add(limits);
            }
            file.append(records, durable);
            list.recordsAppended(records.size());
        }
        restamp();
        dirty = true;
    }

    /** After this process wrote the file: everything in it is parsed. */
    private void restamp() throws IOException {
        stamp = file.stamp();
        list.parsedUpTo(stamp.length());
    }

    /**
     * Marks the list closed ({@code C}, fsync'd) so that the next process to load it knows nothing was lost, and
     * stops holding the folder live. Called when the store closes and before the folder is renamed.
     */
    void close() {
        try {
            if (list == null || deleted || !Files.isDirectory(dir.resolve(FolderDirs.CUR), LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            lockExisting();
            try {
                loadIfChanged();
                if (stamp != null && !list.clean()) {
                    file.append(List.of(UidListFile.closed()), true);
                    list.closedWritten();
                    restamp();
                }
            } finally {
                lock.unlock();
            }
        } catch (IOException e) {
            LOG.warn("could not mark the UID list of folder {} closed: {}", name, e.toString());
        } finally {
            lock.close();
            dirs.close();
        }
    }

    // ---- publishing -------------------------------------------------------------------------------------------------

    private Snapshot publish() {
        if (!dirty && snapshot != null && list.movedSincePublish().isEmpty()) {
            return snapshot;
        }
        if (snapshot != null && publishedList == list && publishedStructure == list.structureVersion()
                && snapshot.uidValidity == list.uidValidity()) {
            snapshot = snapshot.withMoved(list.uidNext(), list.highestModSeq(), list.firstRecent(),
                    list.movedSincePublish(), this::infoOf);
        } else {
            snapshot = fullSnapshot();
        }
        list.published();
        publishedList = list;
        publishedStructure = list.structureVersion();
        dirty = false;
        return snapshot;
    }

    /** A snapshot built from every entry: after messages were added or removed, or the list was read anew. */
    private Snapshot fullSnapshot() {
        int n = list.size();
        MessageInfo[] infos = new MessageInfo[n];
        String[] names = new String[n];
        boolean[] inNew = new boolean[n];
        int i = 0;
        for (UidEntry e : list.byUid().values()) {
            infos[i] = infoOf(e);
            names[i] = e.fileName;
            inNew[i] = e.inNew;
            i++;
        }
        return new Snapshot(list.uidValidity(), list.uidNext(), list.highestModSeq(), list.firstRecent(), infos, names, inNew);
    }

    private MessageInfo infoOf(UidEntry e) {
        if (e.info == null) {
            e.info = new MessageInfo(e.uid, flagsOf(e.fileName), e.size, Instant.ofEpochMilli(e.internalDateMillis),
                    e.modSeq);
        }
        return e.info;
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
            scanner.ownChanges(list, () -> result.add(body.apply(list, records)));
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
    DirectoryScan.Located findOnDisk(String baseName) {
        return scanner.findOnDisk(baseName);
    }

    /**
     * Opens a message's file for reading, through the open directory and only if it is a regular file.
     *
     * @throws NoSuchFileException when it is not there (renamed or expunged)
     * @throws org.mailstack.core.files.RefusedFileException (logged once) when it is a link or a special file
     */
    SeekableByteChannel open(boolean inNew, String fileName) throws IOException {
        return dirs.use(d -> d.messages(inNew).openRegular(fileName));
    }

    /** The attributes of a message's file if it is a regular file; null when it is gone; refused otherwise. */
    BasicFileAttributes regular(boolean inNew, String fileName) throws IOException {
        return dirs.use(d -> d.messages(inNew).regular(fileName));
    }

    /** Opens a file of this folder's {@code tmp/} for reading, only if it is a regular file. */
    SeekableByteChannel openTmp(String name) throws IOException {
        return dirs.use(d -> d.tmp().openRegular(name));
    }

    /** Starts a new file in this folder's {@code tmp/}. */
    MessageWriter newMessage(MaildirNames names, MessageWriter.QuotaGuard quota) throws IOException {
        return dirs.use(d -> MessageWriter.open(d.tmp(), names, quota, options.fsync()));
    }

    /** The keywords, sorted, for the FLAGS response. */
    Collection<String> keywordNames() {
        return new TreeSet<>(keywords.all());
    }
}
