package org.mailstack.core.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's Maildir++ store: INBOX is the root directory, other folders are {@code .Name} directories beside
 * {@code cur/ new/ tmp/} (see {@link FolderName} for the mapping).
 *
 * <p>Open exactly one store per account root per JVM and share it between the SMTP delivery and all IMAP sessions:
 * the store holds the per-folder state that makes concurrent sessions consistent. Other processes may use the same
 * Maildir at the same time (the file-rename protocol and a lock file keep them consistent; see {@code FolderState}).
 *
 * <p>At open the store creates the root and the special-use folders ({@link SpecialUse}) when absent and removes
 * {@code tmp/} files older than {@link StoreOptions#tmpMaxAge()} (36 hours by default, maildir(5)). Thread-safe.
 *
 * <p>Whoever can write the Maildir (the account's owner, over SSH) may plant links and special files anywhere in
 * it. The store follows none: it reaches the root and every directory below it from the root's parent, which it
 * trusts, one element at a time without following a link, and it reads only regular files (see
 * {@link org.mailstack.core.files.OwnerDirectory} and {@code FolderDirs}). A link or special file where a message,
 * folder or file of the store belongs is left alone and logged once; the root itself being one is an error at open.
 */
public final class MaildirStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MaildirStore.class);

    private final Path root;
    private final MaildirRoot maildir;
    private final StoreOptions options;
    private final MaildirNames names;
    private final FolderDirectories directories;
    private final Quota quota;
    private final Subscriptions subscriptions;
    private final Transfer transfer;
    private final ConcurrentHashMap<FolderName, FolderState> states = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<FolderName, CopyOnWriteArrayList<Runnable>> listeners = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<TransferListener> transferListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<FolderListener> folderListeners = new CopyOnWriteArrayList<>();
    private final FolderState.FolderChanges changes = new FolderState.FolderChanges() {
        @Override
        public void removed(long bytes, int count) throws IOException {
            quota.add(-bytes, -count);
        }

        @Override
        public void changed(FolderName folder) {
            fire(folder);
        }
    };

    private MaildirStore(Path root, StoreOptions options) {
        this.root = root;
        this.maildir = new MaildirRoot(root);
        this.options = options;
        this.names = new MaildirNames(options.hostName(), options.clock());
        this.directories = new FolderDirectories(maildir, options.fsync(), options.clock());
        this.quota = new Quota(maildir, options.quotaBytes(), options.fsync());
        this.subscriptions = new Subscriptions(maildir, options.fsync());
        this.transfer = new Transfer(quota);
    }

    /** Opens (creating if needed) the store at {@code root} with {@link StoreOptions#defaults()}. */
    public static MaildirStore open(Path root) throws IOException {
        return open(root, StoreOptions.defaults());
    }

    /**
     * Opens (creating if needed) the store at {@code root}. Its parent directory is trusted: nobody who may plant a
     * link should be able to replace it (in the user container it is the home, the volume's mount point).
     *
     * @throws org.mailstack.core.files.RefusedFileException if the root is a link or no directory
     */
    public static MaildirStore open(Path root, StoreOptions options) throws IOException {
        MaildirStore store = new MaildirStore(root.toAbsolutePath().normalize(), options);
        try {
            store.init();
        } catch (IOException | RuntimeException e) {
            store.maildir.close();
            throw e;
        }
        return store;
    }

    private void init() throws IOException {
        directories.createRoot();
        directories.cleanAside();
        for (SpecialUse use : SpecialUse.values()) {
            if (!directories.exists(use.folder())) {
                try {
                    directories.create(use.folder());
                    subscriptions.set(use.folder(), true);
                } catch (FolderExistsException e) {
                    LOG.warn("cannot create folder {}: a file or broken folder is in the way", use.folder());
                }
            }
        }
        Instant limit = options.clock().instant().minus(options.tmpMaxAge());
        directories.cleanTmp(FolderName.INBOX, limit);
        for (FolderName f : directories.list()) {
            directories.cleanTmp(f, limit);
        }
        quota.usage();
    }

    /** The Maildir root (INBOX). */
    public Path root() {
        return root;
    }

    public StoreOptions options() {
        return options;
    }

    // ---- folders ------------------------------------------------------------------------------------------------

    /** All folders, INBOX first, then by name; with their special-use role and subscription state. */
    public List<FolderInfo> listFolders() throws IOException {
        Set<FolderName> subscribed = subscriptions.read();
        List<FolderInfo> out = new ArrayList<>();
        out.add(new FolderInfo(FolderName.INBOX, Optional.empty(), subscribed.contains(FolderName.INBOX)));
        for (FolderName f : directories.list()) {
            out.add(new FolderInfo(f, specialUse(f), subscribed.contains(f)));
        }
        return out;
    }

    public boolean exists(FolderName folder) {
        return directories.exists(folder);
    }

    /** The RFC 6154 role of a folder, if any. */
    public Optional<SpecialUse> specialUse(FolderName folder) {
        for (SpecialUse use : SpecialUse.values()) {
            if (use.folder().equals(folder)) {
                return Optional.of(use);
            }
        }
        return Optional.empty();
    }

    /**
     * Creates an empty folder. Parents are not created: in Maildir++ a folder needs no parent directory (LIST shows
     * a missing parent as {@code \NonExistent}).
     *
     * @throws FolderExistsException if it exists (always for INBOX)
     */
    public void createFolder(FolderName folder) throws IOException {
        directories.create(folder);
        forget(folder);
        foldersChanged();
    }

    /**
     * Deletes a folder and its messages; its children stay. Views open on it see {@link FolderNotFoundException}
     * at their next sync.
     *
     * @throws StoreException for INBOX
     */
    public void deleteFolder(FolderName folder) throws IOException {
        directories.delete(folder);
        forget(folder);
        quota.recalculate();
        fire(folder);
        foldersChanged();
    }

    /**
     * Renames a folder and all its children ({@code a → b} also moves {@code a/x → b/x}). UIDVALIDITY and UIDs move
     * with the folder. INBOX cannot be renamed here: RFC 3501 section 6.3.5 gives INBOX rename special semantics
     * that the IMAP layer builds with {@link #createFolder} and {@link #moveAllMessages}.
     *
     * @throws FolderExistsException if {@code to} or one of the children's new names exists
     */
    public void renameFolder(FolderName from, FolderName to) throws IOException {
        if (from.isInbox() || to.isInbox()) {
            throw new StoreException("INBOX cannot be renamed this way");
        }
        if (from.equals(to) || from.isAncestorOf(to)) {
            throw new StoreException("a folder cannot be renamed into itself");
        }
        List<FolderName> moving = directories.withDescendants(from);
        if (!moving.contains(from)) {
            throw new FolderNotFoundException(from);
        }
        for (FolderName f : moving) {
            FolderState s = states.get(f);
            if (s != null) {
                s.close();
            }
        }
        for (FolderName f : moving) { // before: whoever reads the folder list next must know it is a rename
            FolderName moved = FolderName.of(to.name() + f.name().substring(from.name().length()));
            tell(l -> l.renaming(f, moved));
        }
        directories.rename(from, to, moving);
        for (FolderName f : moving) {
            forget(f);
            fire(f);
        }
        foldersChanged();
    }

    /**
     * Moves every message of {@code from} into {@code to} (which must exist), keeping flags and internal dates,
     * assigning new UIDs in {@code to}. Returns the number of messages moved.
     */
    public int moveAllMessages(FolderName from, FolderName to) throws IOException {
        FolderState source = state(from);
        FolderState target = state(to);
        Snapshot s = source.refresh(false).snapshot();
        List<Long> uids = new ArrayList<>(s.messages.length);
        for (MessageInfo m : s.messages) {
            uids.add(m.uid());
        }
        return transfer.move(source, operations(source), uids, target, operations(target)).targetUids().size();
    }

    // ---- subscriptions (RFC 3501 section 6.3.6) -------------------------------------------------------------------

    /** The subscribed names (a name may be subscribed without existing). */
    public Set<FolderName> subscriptions() throws IOException {
        return subscriptions.read();
    }

    public void subscribe(FolderName folder) throws IOException {
        subscriptions.set(folder, true);
        foldersChanged();
    }

    public void unsubscribe(FolderName folder) throws IOException {
        subscriptions.set(folder, false);
        foldersChanged();
    }

    // ---- messages -------------------------------------------------------------------------------------------------

    /**
     * Opens a session's view of a folder (SELECT when {@code readOnly} is false, EXAMINE when true). A read-write
     * view claims the folder's \Recent messages (RFC 3501 section 2.3.2): no other view will see them as recent.
     *
     * @throws FolderNotFoundException if the folder does not exist
     */
    public MailboxView openView(FolderName folder, boolean readOnly) throws IOException {
        FolderState state = state(folder);
        return new MailboxView(state, operations(state), readOnly, this);
    }

    /** STATUS counters, without opening a view or any message file. */
    public FolderStatus status(FolderName folder) throws IOException {
        Snapshot s = state(folder).refresh(false).snapshot();
        int unseen = 0;
        int recent = 0;
        int deleted = 0;
        long deletedBytes = 0;
        long bytes = 0;
        for (MessageInfo m : s.messages) {
            if (!m.flags().contains(SystemFlag.SEEN)) {
                unseen++;
            }
            if (m.uid() >= s.firstRecent) {
                recent++;
            }
            if (m.flags().contains(SystemFlag.DELETED)) {
                deleted++;
                deletedBytes += m.size();
            }
            bytes += m.size();
        }
        return new FolderStatus(folder, s.messages.length, recent, unseen, s.uidNext, s.uidValidity, s.highestModSeq,
                deleted, deletedBytes, bytes);
    }

    /**
     * Delivers a message the maildir(5) way: exclusive create in {@code tmp/}, streamed write counting bytes, fsync,
     * link into {@code new/} (the name gains {@code ,S=<size>}), fsync of {@code new/}. Returns only when all of that
     * is durable; on any failure nothing is left outside {@code tmp/} (and the tmp file is removed). The bytes are
     * stored as given: callers store messages with CRLF line ends, as IMAP serves them.
     *
     * @throws QuotaExceededException if the message would take the account over its quota
     * @throws FolderNotFoundException if the folder does not exist
     */
    public DeliveryResult deliver(FolderName folder, InputStream message) throws IOException {
        FolderState state = state(folder);
        MessageWriter.Written w = state.newMessage(names, quota.guard()).writeAll(message);
        String fileName = MaildirNames.withSize(w.tmpName(), w.size());
        Path target = state.dir.resolve(FolderDirs.NEW).resolve(fileName);
        boolean placed = false;
        try {
            Durable.moveNoReplace(w.file(), target);
            placed = true;
            Durable.syncDirectory(state.dir.resolve(FolderDirs.NEW), options.fsync());
        } catch (IOException | RuntimeException e) {
            if (placed) {
                Files.deleteIfExists(target);
            }
            Files.deleteIfExists(w.file());
            throw e;
        }
        quota.add(w.size(), 1);
        fire(folder);
        return new DeliveryResult(folder, fileName, w.size());
    }

    /**
     * Stores a message with flags and an internal date and assigns its UID (IMAP APPEND, RFC 3501 section 6.3.11;
     * RFC 4315 APPENDUID). Durable like {@link #deliver} when it returns.
     *
     * @param internalDate the INTERNALDATE, or null for now
     * @throws QuotaExceededException if the message would take the account over its quota
     */
    public AppendResult append(FolderName folder, InputStream message, Flags flags, Instant internalDate)
            throws IOException {
        MessageWriter.Written w = state(folder).newMessage(names, quota.guard()).writeAll(message);
        try {
            return place(folder, w, flags, internalDate);
        } finally {
            Files.deleteIfExists(w.file());
        }
    }

    /**
     * Starts a message whose bytes arrive over time (an IMAP APPEND literal): they go straight into the Maildir's
     * {@code tmp/}; {@link IncomingMessage#appendTo} then stores it in a folder, like {@link #append}.
     */
    public IncomingMessage receive() throws IOException {
        MessageWriter writer = state(FolderName.INBOX).newMessage(names, quota.guard());
        return new IncomingMessage(this, writer);
    }

    /**
     * Stores several received messages in one folder at once (IMAP MULTIAPPEND, RFC 3502): all of them or none.
     * They are fsync'd, the quota is checked for their sum, and they are placed under one hold of the folder's lock
     * with consecutive UIDs in order, so no other session ever sees only some of them. On any failure the files
     * already placed are removed again and nothing is recorded; every file is gone from {@code tmp/} on return.
     *
     * @throws FolderNotFoundException if the folder does not exist
     * @throws QuotaExceededException if the messages together would take the account over its quota
     */
    public List<AppendResult> appendAll(FolderName folder, List<AppendItem> items) throws IOException {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        List<MessageWriter.Written> files = new ArrayList<>(items.size());
        try {
            for (AppendItem item : items) {
                files.add(item.message().take());
            }
            existingDir(folder);
            FolderState state = state(folder);
            long total = 0;
            for (MessageWriter.Written w : files) {
                total += w.size();
            }
            quota.checkRoom(total);
            long now = options.clock().instant().toEpochMilli();
            List<FolderOperations.Placement> placements = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                AppendItem item = items.get(i);
                MessageWriter.Written w = files.get(i);
                long date = item.internalDate() != null ? item.internalDate().toEpochMilli() : now;
                placements.add(new FolderOperations.Placement(w.file(), null, true, item.flags(), w.size(), date,
                        null));
            }
            List<Long> uids = operations(state).placeAll(placements);
            quota.add(total, items.size());
            long uidValidity = state.latest().uidValidity;
            List<AppendResult> results = new ArrayList<>(uids.size());
            for (long uid : uids) {
                results.add(new AppendResult(folder, uidValidity, uid));
            }
            return results;
        } finally {
            for (AppendItem item : items) {
                item.message().close(); // those not yet taken (a failure part way)
            }
            for (MessageWriter.Written w : files) {
                Files.deleteIfExists(w.file());
            }
        }
    }

    /** Opens a file this store received into {@code tmp/} ({@link IncomingMessage#openReceived}). */
    SeekableByteChannel openReceived(String tmpName) throws IOException {
        return state(FolderName.INBOX).openTmp(tmpName);
    }

    /** Moves a written, fsync'd file from a {@code tmp/} into the folder and gives it its UID. */
    AppendResult place(FolderName folder, MessageWriter.Written w, Flags flags, Instant internalDate)
            throws IOException {
        existingDir(folder);
        FolderState state = state(folder);
        long date = (internalDate != null ? internalDate : options.clock().instant()).toEpochMilli();
        List<Long> uids = operations(state).place(List.of(
                new FolderOperations.Placement(w.file(), null, true, flags, w.size(), date, null)));
        if (uids.get(0) < 0) {
            throw new StoreException("appended message vanished from tmp/ before it reached " + folder);
        }
        quota.add(w.size(), 1);
        return new AppendResult(folder, state.latest().uidValidity, uids.get(0));
    }

    /** The account's quota usage; the counter is rebuilt from the folders when missing or implausible. */
    public QuotaUsage quota() throws IOException {
        return quota.usage();
    }

    /**
     * Registers a listener called (on the thread that made the change) after any change this JVM makes to the
     * folder: delivery, append, flags, expunge, copy, delete, rename. Changes by other processes are only found by
     * polling {@link MailboxView#sync()}, which is cheap when nothing changed. Closing the handle unregisters.
     */
    public AutoCloseable addListener(FolderName folder, Runnable listener) {
        CopyOnWriteArrayList<Runnable> list = listeners.computeIfAbsent(folder, f -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    /**
     * Registers a listener told of this JVM's changes to any folder, the folder list and the subscriptions (see
     * {@link FolderListener}). Closing the handle unregisters.
     */
    public AutoCloseable addFolderListener(FolderListener listener) {
        folderListeners.add(listener);
        return () -> folderListeners.remove(listener);
    }

    /**
     * Registers a listener told of every COPY and MOVE between folders after it is durable (see
     * {@link TransferListener}). Closing the handle unregisters.
     */
    public AutoCloseable addTransferListener(TransferListener listener) {
        transferListeners.add(listener);
        return () -> transferListeners.remove(listener);
    }

    /** Marks every loaded folder's UID list closed, so that the next start knows nothing was lost. */
    @Override
    public void close() {
        for (FolderState s : states.values()) {
            s.close();
        }
        states.clear();
        maildir.close();
    }

    // ---- internals --------------------------------------------------------------------------------------------------

    CopyResult copy(FolderState source, Collection<Long> uids, FolderName target) throws IOException {
        FolderState t = state(target);
        return transferred(source.name, transfer.copy(source, uids, t, operations(t)), false);
    }

    CopyResult move(FolderState source, Collection<Long> uids, FolderName target) throws IOException {
        FolderState t = state(target);
        return transferred(source.name, transfer.move(source, operations(source), uids, t, operations(t)), true);
    }

    private CopyResult transferred(FolderName source, CopyResult result, boolean move) {
        if (result.targetUids().isEmpty()) {
            return result;
        }
        for (TransferListener l : transferListeners) {
            try {
                l.transferred(source, result, move);
            } catch (RuntimeException e) {
                LOG.warn("transfer listener failed", e);
            }
        }
        return result;
    }

    private Path existingDir(FolderName folder) throws FolderNotFoundException {
        if (!directories.exists(folder)) {
            throw new FolderNotFoundException(folder);
        }
        return directories.dirOf(folder);
    }

    private FolderState state(FolderName folder) throws FolderNotFoundException {
        Path dir = existingDir(folder);
        return states.computeIfAbsent(folder, f -> new FolderState(f, dir, maildir, options, changes));
    }

    private FolderOperations operations(FolderState state) {
        return new FolderOperations(state, names, options.fsync());
    }

    private void forget(FolderName folder) {
        FolderState s = states.remove(folder);
        if (s != null) {
            s.markDeleted();
            s.close();
        }
    }

    private void foldersChanged() {
        tell(FolderListener::foldersChanged);
    }

    private void tell(java.util.function.Consumer<FolderListener> event) {
        for (FolderListener l : folderListeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("folder listener failed", e);
            }
        }
    }

    private void fire(FolderName folder) {
        tell(l -> l.messagesChanged(folder));
        List<Runnable> list = listeners.get(folder);
        if (list == null) {
            return;
        }
        for (Runnable r : list) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("folder listener failed", e);
            }
        }
    }
}
