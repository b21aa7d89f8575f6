package org.mailstack.core.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * One IMAP session's view of a selected folder: a stable snapshot of its messages in UID order, where the message
 * at index {@code i} has sequence number {@code i + 1}. The snapshot changes only in {@link #sync()}, so the IMAP
 * layer decides when EXPUNGE may be sent (RFC 3501 section 7.4.1: not during FETCH, STORE or SEARCH).
 *
 * <p>Changes made through the view: {@link #storeFlags} updates the snapshot at once and returns the new state
 * (those changes are not reported again by {@code sync}); {@link #expunge} and {@link #move} remove files but leave
 * the snapshot alone: the next {@code sync} reports the expunged messages, so the IMAP layer sends every EXPUNGE
 * from one place. Copies and appends to this same folder also appear at the next sync.
 *
 * <p>Not thread-safe: one view belongs to one session. Opening it costs one directory listing, no per-message
 * stat or open.
 */
public final class MailboxView implements AutoCloseable {

    MailboxView() {
    }

    public FolderName folder() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** True for EXAMINE: no flag changes, no expunge, no \Recent claimed. */
    public boolean isReadOnly() {
        throw new UnsupportedOperationException("not built yet");
    }

    public long uidValidity() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** UIDNEXT as of the last sync. */
    public long uidNext() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** HIGHESTMODSEQ as of the last sync (RFC 7162 section 3.1.2.1). */
    public long highestModSeq() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The snapshot, ascending UID; immutable. */
    public List<MessageInfo> messages() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The number of messages (EXISTS). */
    public int size() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The message with a 1-based sequence number. */
    public MessageInfo get(int sequenceNumber) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The 1-based sequence number of a UID in the snapshot, 0 if absent. Binary search. */
    public int sequenceOf(long uid) {
        throw new UnsupportedOperationException("not built yet");
    }

    public Optional<MessageInfo> byUid(long uid) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Whether the message is \Recent in this view. */
    public boolean isRecent(long uid) {
        throw new UnsupportedOperationException("not built yet");
    }

    public int recentCount() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The keywords defined in this folder (for the FLAGS response). */
    public SortedSet<String> keywords() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Whether new keywords can still be created ({@code \*} in PERMANENTFLAGS); a folder holds at most 26. */
    public boolean canCreateKeywords() {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Brings the snapshot up to date with the folder (this JVM's changes and other processes') and reports what
     * changed. Cheap when nothing changed (two directory mtime checks).
     *
     * @throws FolderNotFoundException if the folder was deleted or renamed
     */
    public SyncResult sync() throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The message's size in bytes (RFC822.SIZE). */
    public long size(long uid) throws MessageGoneException {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Opens the stored message as a stream; the caller closes it. Follows renames by other sessions or processes.
     *
     * @throws MessageGoneException if the message was expunged meanwhile
     */
    public InputStream openBody(long uid) throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    /** STORE without UNCHANGEDSINCE. */
    public StoreFlagsResult storeFlags(Collection<Long> uids, FlagOperation operation, Flags flags) throws IOException {
        return storeFlags(uids, operation, flags, -1);
    }

    /**
     * Changes flags by renaming files in {@code cur/} (RFC 3501 section 6.4.6), bumping each changed message's MODSEQ.
     * UIDs not in the folder any more are skipped.
     *
     * @param unchangedSince the CONDSTORE UNCHANGEDSINCE value (RFC 7162 section 3.1.3), or -1 for none
     * @throws StoreException if the view is read-only, or a 27th keyword would be needed
     */
    public StoreFlagsResult storeFlags(Collection<Long> uids, FlagOperation operation, Flags flags, long unchangedSince)
            throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    /** EXPUNGE: removes all messages flagged \Deleted; returns their UIDs. Reported by the next {@link #sync()}. */
    public List<Long> expunge() throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    /** UID EXPUNGE (RFC 4315 section 2.1): removes those of {@code uids} flagged \Deleted; returns their UIDs. */
    public List<Long> expunge(Collection<Long> uids) throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    /** COPY: hard-links (or copies) the messages into {@code target} with their flags and internal dates. */
    public CopyResult copy(Collection<Long> uids, FolderName target) throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    /** MOVE (RFC 6851): copy, then expunge the sources whatever their flags. Sources are reported by the next sync. */
    public CopyResult move(Collection<Long> uids, FolderName target) throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void close() {
    }
}
