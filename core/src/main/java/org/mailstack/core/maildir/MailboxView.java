package org.mailstack.core.maildir;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.TreeSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.mailstack.core.files.RefusedFileException;

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
 * <p>Not thread-safe: one view belongs to one session. Opening it never stats or opens a message file: it reads the
 * folder's UID list (once per JVM) and lists {@code new/} or {@code cur/} only when their mtimes changed.
 */
public final class MailboxView implements AutoCloseable {
    private final FolderState state;
    private final FolderOperations operations;
    private final boolean readOnly;
    private final MaildirStore store;
    private final TreeSet<Long> recent = new TreeSet<>();
    private Snapshot last;
    private MessageInfo[] messages;
    private long[] uids;
    private long uidValidity;
    private long uidNext;
    private long highestModSeq;
    private boolean closed;

    MailboxView(FolderState state, FolderOperations operations, boolean readOnly, MaildirStore store) throws IOException {
        this.state = state;
        this.operations = operations;
        this.readOnly = readOnly;
        this.store = store;
        FolderState.Refreshed r = state.refresh(!readOnly);
        adopt(r.snapshot().messages, r.snapshot());
        claim(r);
    }

    private void adopt(MessageInfo[] now, Snapshot s) {
        messages = now;
        if (now == s.messages) {
            uids = s.uids();
        } else {
            uids = new long[now.length];
            for (int i = 0; i < now.length; i++) {
                uids[i] = now[i].uid();
            }
        }
        last = s;
        uidValidity = s.uidValidity;
        uidNext = s.uidNext;
        highestModSeq = s.highestModSeq;
    }

    /**
     * Adds the \Recent messages of a refresh: those this view claimed; for a read-only view, which claims none,
     * those nobody has claimed yet (they stay \Recent for the next SELECT too).
     */
    private void claim(FolderState.Refreshed r) {
        long from = readOnly ? Math.min(r.recentFrom(), r.snapshot().firstRecent) : r.recentFrom();
        for (int i = 0; i < uids.length; i++) {
            if (uids[i] >= from && uids[i] < r.recentTo()) {
                recent.add(uids[i]);
            }
        }
    }

    public FolderName folder() {
        return state.name;
    }

    /** True for EXAMINE: no flag changes, no expunge, no \Recent claimed (unclaimed ones are shown as \Recent). */
    public boolean isReadOnly() {
        return readOnly;
    }

    public long uidValidity() {
        return uidValidity;
    }

    /** UIDNEXT as of the last sync. */
    public long uidNext() {
        return uidNext;
    }

    /** HIGHESTMODSEQ as of the last sync (RFC 7162 section 3.1.2.1). */
    public long highestModSeq() {
        return highestModSeq;
    }

    /** The snapshot, ascending UID; immutable. */
    public List<MessageInfo> messages() {
        return Collections.unmodifiableList(Arrays.asList(messages));
    }

    /** The number of messages (EXISTS). */
    public int size() {
        return messages.length;
    }

    /** The message with a 1-based sequence number. */
    public MessageInfo get(int sequenceNumber) {
        return messages[sequenceNumber - 1];
    }

    /** The 1-based sequence number of a UID in the snapshot, 0 if absent. Binary search. */
    public int sequenceOf(long uid) {
        int i = Arrays.binarySearch(uids, uid);
        return i < 0 ? 0 : i + 1;
    }

    public Optional<MessageInfo> byUid(long uid) {
        int seq = sequenceOf(uid);
        return seq == 0 ? Optional.empty() : Optional.of(messages[seq - 1]);
    }

    /** Whether the message is \Recent in this view. */
    public boolean isRecent(long uid) {
        return recent.contains(uid);
    }

    public int recentCount() {
        return recent.size();
    }

    /** The keywords defined in this folder (for the FLAGS response). */
    public SortedSet<String> keywords() {
        return state.keywords.all();
    }

    /** Whether new keywords can still be created ({@code \*} in PERMANENTFLAGS); a folder holds at most 26. */
    public boolean canCreateKeywords() {
        return !readOnly && !state.keywords.isFull();
    }

    /**
     * Brings the snapshot up to date with the folder (this JVM's changes and other processes') and reports what
     * changed. Cheap when nothing changed (two directory mtime checks).
     *
     * @throws FolderNotFoundException if the folder was deleted or renamed
     */
    public SyncResult sync() throws IOException {
        checkOpen();
        FolderState.Refreshed r = state.refresh(!readOnly);
        Snapshot s = r.snapshot();
        if (s.uidValidity != uidValidity) {
            recent.clear();
            adopt(s.messages, s);
            claim(r);
            return new SyncResult(List.of(), List.of(), List.of(), List.of(), size(), recentCount(), true);
        }
        if (s == last && r.recentFrom() >= r.recentTo()) {
            return new SyncResult(List.of(), List.of(), List.of(), List.of(), size(), recentCount(), false);
        }
        List<Long> expunged = new ArrayList<>();
        List<Integer> expungedSeqs = new ArrayList<>();
        List<MessageInfo> added = new ArrayList<>();
        List<MessageInfo> changed = new ArrayList<>();
        MessageInfo[] o = messages;
        MessageInfo[] n = s.messages;
        long[] ou = uids;
        long[] nu = s.uids();
        long maxOld = o.length == 0 ? 0 : ou[o.length - 1];
        int i = 0;
        int j = 0;
        while (i < o.length || j < n.length) {
            if (j >= n.length || (i < o.length && ou[i] < nu[j])) {
                expunged.add(ou[i]);
                expungedSeqs.add(i + 1);
                recent.remove(ou[i]);
                i++;
            } else if (i >= o.length || nu[j] < ou[i]) {
                if (nu[j] > maxOld) {
                    added.add(n[j]);
                }
                j++;
            } else {
                if (o[i] != n[j] && !o[i].equals(n[j])) {
                    changed.add(n[j]);
                }
                i++;
                j++;
            }
        }
        Collections.reverse(expungedSeqs);
        MessageInfo[] now = n;
        if (added.size() + o.length - expunged.size() != n.length) {
            now = keepOrder(n, maxOld, added);
        }
        adopt(now, s);
        claim(r);
        return new SyncResult(expunged, expungedSeqs, added, changed, size(), recentCount(), false);
    }

    /** Drops messages that appeared below the view's highest UID: IMAP can only announce new ones at the end. */
    private MessageInfo[] keepOrder(MessageInfo[] n, long maxOld, List<MessageInfo> added) {
        List<MessageInfo> out = new ArrayList<>();
        for (MessageInfo m : n) {
            if (m.uid() <= maxOld && Arrays.binarySearch(uids, m.uid()) < 0) {
                continue;
            }
            out.add(m);
        }
        return out.toArray(new MessageInfo[0]);
    }

    /**
     * QRESYNC (RFC 7162 section 3.2.5.2): the UIDs expunged from the folder with a MODSEQ above {@code modSeq} and
     * not in this view, ascending. Empty when the folder no longer remembers that far back (it keeps the last
     * expunges only): the caller must then take every UID it cannot find in the view as expunged.
     */
    public Optional<long[]> expungedSince(long modSeq) throws IOException {
        checkOpen();
        long[] all = state.expungedSince(modSeq);
        if (all == null) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(all).filter(uid -> sequenceOf(uid) == 0).toArray());
    }

    /** The message's size in bytes (RFC822.SIZE). */
    public long size(long uid) throws MessageGoneException {
        return byUid(uid).orElseThrow(() -> new MessageGoneException(state.name, uid)).size();
    }

    /**
     * Opens the stored message as a buffered stream; the caller closes it. Follows renames by other sessions or
     * processes. An opened stream stays readable even if the message is expunged while it is read. Only a regular
     * file is opened, through the folder's open directory and without following a link: a message whose file was
     * replaced by a link, a FIFO or a directory is reported gone (and the refusal logged once).
     *
     * @throws MessageGoneException if the message was expunged meanwhile, or its file is no regular file
     */
    public InputStream openBody(long uid) throws IOException {
        return new BufferedInputStream(Channels.newInputStream(openFile(uid)), 16 * 1024);
    }

    /**
     * Opens the stored message for reading at any offset; the caller closes it. Follows renames by other sessions
     * or processes (a flag change renames the file, its base name stays). The open file stays readable, at the
     * size it had, even if the message is expunged meanwhile: an expunge unlinks the file, it never rewrites it.
     *
     * @throws MessageGoneException if the message was expunged meanwhile
     */
    public FileChannel openFile(long uid) throws IOException {
        checkOpen();
        for (int attempt = 0; ; attempt++) {
            Snapshot s = state.latest();
            int i = s.indexOf(uid);
            if (i < 0) {
                throw new MessageGoneException(state.name, uid);
            }
            try {
                return fileChannel(state.open(s.inNew(i), s.fileName(i)));
            } catch (NoSuchFileException e) {
                DirectoryScan.Located now = state.findOnDisk(MaildirNames.baseName(s.fileName(i)));
                try {
                    if (now != null) {
                        return fileChannel(state.open(now.inNew(), now.fileName()));
                    }
                } catch (NoSuchFileException again) {
                    // renamed again while it was looked for
                } catch (RefusedFileException refused) {
                    throw new MessageGoneException(state.name, uid);
                }
                if (attempt == 2) { // a flag change in this JVM has published its new name by now
                    throw new MessageGoneException(state.name, uid);
                }
            } catch (RefusedFileException e) {
                throw new MessageGoneException(state.name, uid);
            }
        }
    }

    /**
     * The folder's directory handle opens files as {@link FileChannel}s on the platforms the store runs on (Linux,
     * macOS); FETCH reads them at offsets.
     */
    private static FileChannel fileChannel(SeekableByteChannel channel) throws IOException {
        if (channel instanceof FileChannel file) {
            return file;
        }
        channel.close();
        throw new IOException("this platform's directory streams open no FileChannel");
    }

    /** STORE without UNCHANGEDSINCE. */
    public StoreFlagsResult storeFlags(Collection<Long> uids, FlagOperation operation, Flags flags) throws IOException {
        return storeFlags(uids, operation, flags, -1);
    }

    /**
     * Changes flags by renaming files in {@code cur/} (RFC 3501 section 6.4.6), bumping each changed message's MODSEQ.
     * UIDs not in the folder any more are skipped. The view's snapshot takes the new state at once.
     *
     * @param unchangedSince the CONDSTORE UNCHANGEDSINCE value (RFC 7162 section 3.1.3), or -1 for none
     * @throws StoreException if the view is read-only, or a 27th keyword would be needed
     */
    public StoreFlagsResult storeFlags(Collection<Long> uids, FlagOperation operation, Flags flags, long unchangedSince)
            throws IOException {
        checkWritable();
        StoreFlagsResult result = operations.storeFlags(uids, operation, flags, unchangedSince);
        MessageInfo[] copy = messages.clone();
        for (MessageInfo m : result.updated()) {
            int i = Arrays.binarySearch(this.uids, m.uid());
            if (i >= 0) {
                copy[i] = m;
            }
        }
        messages = copy;
        return result;
    }

    /** EXPUNGE: removes the view's messages flagged \Deleted; returns their UIDs. Reported by the next {@link #sync()}. */
    public List<Long> expunge() throws IOException {
        List<Long> all = new ArrayList<>(uids.length);
        for (long uid : uids) {
            all.add(uid);
        }
        return expunge(all);
    }

    /** UID EXPUNGE (RFC 4315 section 2.1): removes those of {@code uids} flagged \Deleted; returns their UIDs. */
    public List<Long> expunge(Collection<Long> uids) throws IOException {
        checkWritable();
        return operations.expunge(uids, true);
    }

    /** COPY: hard-links (or copies) the messages into {@code target} with their flags and internal dates. */
    public CopyResult copy(Collection<Long> uids, FolderName target) throws IOException {
        checkOpen();
        return store.copy(state, uids, target);
    }

    /** MOVE (RFC 6851): copy, then expunge the sources whatever their flags. Sources are reported by the next sync. */
    public CopyResult move(Collection<Long> uids, FolderName target) throws IOException {
        checkWritable();
        return store.move(state, uids, target);
    }

    private void checkOpen() throws StoreException {
        if (closed) {
            throw new StoreException("the view is closed");
        }
    }

    private void checkWritable() throws StoreException {
        checkOpen();
        if (readOnly) {
            throw new StoreException("the folder is open read-only");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
