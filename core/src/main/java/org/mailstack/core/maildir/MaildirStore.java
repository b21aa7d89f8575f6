package org.mailstack.core.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One account's Maildir++ store: INBOX is the root directory, other folders are {@code .Name} directories beside
 * {@code cur/ new/ tmp/} (see {@link FolderName} for the mapping).
 *
 * <p>Open exactly one store per account root per JVM and share it between the SMTP delivery and all IMAP sessions:
 * the store holds the per-folder locks and caches that make concurrent sessions consistent. Other processes may
 * use the same Maildir at the same time (the file-rename protocol and a lock file keep them consistent; see
 * {@code FolderState}).
 *
 * <p>At open the store creates the root and the special-use folders ({@link SpecialUse}) when absent and removes
 * {@code tmp/} files older than 36 hours (maildir(5)). Thread-safe.
 */
public final class MaildirStore implements AutoCloseable {

    /** Opens (creating if needed) the store at {@code root} with {@link StoreOptions#defaults()}. */
    public static MaildirStore open(Path root) throws IOException {
        return open(root, StoreOptions.defaults());
    }

    /** Opens (creating if needed) the store at {@code root}. */
    public static MaildirStore open(Path root, StoreOptions options) throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The Maildir root (INBOX). */
    public Path root() {
        throw new UnsupportedOperationException("not built yet");
    }

    public StoreOptions options() {
        throw new UnsupportedOperationException("not built yet");
    }

    // ---- folders ------------------------------------------------------------------------------------------------

    /** All folders, INBOX first, then by name; with their special-use role and subscription state. */
    public List<FolderInfo> listFolders() throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    public boolean exists(FolderName folder) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The RFC 6154 role of a folder, if any. */
    public Optional<SpecialUse> specialUse(FolderName folder) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Creates an empty folder. Parents are not created: in Maildir++ a folder needs no parent directory (LIST shows
     * a missing parent as {@code \NonExistent}).
     *
     * @throws FolderExistsException if it exists (always for INBOX)
     */
    public void createFolder(FolderName folder) throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Deletes a folder and its messages; its children stay. Views open on it see {@link FolderNotFoundException}
     * at their next sync.
     *
     * @throws StoreException for INBOX
     */
    public void deleteFolder(FolderName folder) throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Renames a folder and all its children ({@code a → b} also moves {@code a/x → b/x}). UIDVALIDITY and UIDs move
     * with the folder. INBOX cannot be renamed here: RFC 3501 section 6.3.5 gives INBOX rename special semantics
     * that the IMAP layer builds with {@link #createFolder} and {@link #moveAllMessages}.
     *
     * @throws FolderExistsException if {@code to} or one of the children's new names exists
     */
    public void renameFolder(FolderName from, FolderName to) throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Moves every message of {@code from} into {@code to} (which must exist), keeping flags, assigning new UIDs in
     * {@code to}. Returns the number of messages moved.
     */
    public int moveAllMessages(FolderName from, FolderName to) throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    // ---- subscriptions (RFC 3501 section 6.3.6) -------------------------------------------------------------------

    /** The subscribed names (a name may be subscribed without existing). */
    public Set<FolderName> subscriptions() throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    public void subscribe(FolderName folder) throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    public void unsubscribe(FolderName folder) throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    // ---- messages -------------------------------------------------------------------------------------------------

    /**
     * Opens a session's view of a folder (SELECT when {@code readOnly} is false, EXAMINE when true). A read-write
     * view claims the folder's \Recent messages (RFC 3501 section 2.3.2): no other view will see them as recent.
     *
     * @throws FolderNotFoundException if the folder does not exist
     */
    public MailboxView openView(FolderName folder, boolean readOnly) throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    /** STATUS counters, without opening a view or any message file. */
    public FolderStatus status(FolderName folder) throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Delivers a message the maildir(5) way: exclusive create in {@code tmp/}, streamed write counting bytes, fsync,
     * rename into {@code new/}, fsync of {@code new/}. Returns only when all of that is durable; on any failure
     * nothing is left outside {@code tmp/} (and the tmp file is removed). The bytes are stored as given.
     *
     * @throws QuotaExceededException if the message would take the account over its quota
     * @throws FolderNotFoundException if the folder does not exist
     */
    public DeliveryResult deliver(FolderName folder, InputStream message) throws IOException {
        throw new UnsupportedOperationException("not built yet");
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
        throw new UnsupportedOperationException("not built yet");
    }

    /** The account's quota usage; the counter is rebuilt from the folders when missing or implausible. */
    public QuotaUsage quota() throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Registers a listener called (on the thread that made the change) after any change this JVM makes to the
     * folder: delivery, append, flags, expunge, copy. Changes by other processes are only found by polling
     * {@link MailboxView#sync()}, which is cheap when nothing changed. Closing the handle unregisters.
     */
    public AutoCloseable addListener(FolderName folder, Runnable listener) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void close() {
    }
}
