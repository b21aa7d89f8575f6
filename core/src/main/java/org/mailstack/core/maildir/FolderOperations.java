package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Changes to one folder's messages: flags, expunge, and placing new files with UIDs. Each runs under the lock. */
final class FolderOperations {
    private final FolderState state;
    private final MaildirNames names;
    private final boolean fsync;

    FolderOperations(FolderState state, MaildirNames names, boolean fsync) {
        this.state = state;
        this.names = names;
        this.fsync = fsync;
    }

    StoreFlagsResult storeFlags(Collection<Long> uids, FlagOperation op, Flags flags, long unchangedSince)
            throws IOException {
        return state.update((list, records) -> {
            List<Long> modified = new ArrayList<>();
            List<UidEntry> touched = new ArrayList<>();
            for (long uid : new TreeSet<>(uids)) {
                UidEntry e = list.get(uid);
                if (e == null) {
                    continue;
                }
                if (unchangedSince >= 0 && e.modSeq > unchangedSince) {
                    modified.add(uid);
                    continue;
                }
                if (rename(list, e, op, flags)) {
                    records.add(UidListFile.renamed(e));
                }
                touched.add(e);
            }
            return new Pending(touched, modified);
        }).result(state);
    }

    /** Entries whose MessageInfo must be read after publishing (the update publishes new infos). */
    private record Pending(List<UidEntry> touched, List<Long> modified) {
        StoreFlagsResult result(FolderState state) throws IOException {
            Snapshot s = state.latest();
            List<MessageInfo> updated = new ArrayList<>();
            for (UidEntry e : touched) {
                int i = s.indexOf(e.uid);
                if (i >= 0) {
                    updated.add(s.messages[i]);
                }
            }
            return new StoreFlagsResult(updated, modified);
        }
    }

    /** Renames one file for new flags; true if the name changed. Follows a rename by another process once. */
    private boolean rename(UidList list, UidEntry e, FlagOperation op, Flags flags) throws IOException {
        for (int attempt = 0; attempt < 2; attempt++) {
            FlagCodec.Decoded current = FlagCodec.decode(MaildirNames.flagLetters(e.fileName), state.keywords);
            Flags next = op.apply(current.flags(), flags);
            String letters = FlagCodec.encode(next, current.unknownLetters(), state.keywords);
            String target = FlagCodec.curName(e.baseName, letters);
            if (!e.inNew && target.equals(e.fileName)) {
                return false;
            }
            try {
                state.dirs.messages(e.inNew).move(e.fileName, state.dirs.messages(false), target);
                boolean flagsChanged = !next.equals(current.flags());
                list.moved(e, false, target, flagsChanged ? list.nextModSeq() : e.modSeq);
                return true;
            } catch (NoSuchFileException ex) {
                DirectoryScan.Located now = state.findOnDisk(e.baseName);
                if (now == null) {
                    return false;
                }
                list.moved(e, now.inNew(), now.fileName(), list.nextModSeq());
            }
        }
        return false;
    }

    /** Removes the messages (only those flagged \Deleted when {@code onlyDeleted}); returns the UIDs removed. */
    List<Long> expunge(Collection<Long> uids, boolean onlyDeleted) throws IOException {
        long[] freed = new long[2];
        List<Long> removed = state.update((list, records) -> {
            List<Long> out = new ArrayList<>();
            for (long uid : new TreeSet<>(uids)) {
                UidEntry e = list.get(uid);
                if (e == null || (onlyDeleted
                        && !FlagCodec.flagsOf(e.fileName, state.keywords).contains(SystemFlag.DELETED))) {
                    continue;
                }
                try {
                    state.dirs.messages(e.inNew).delete(e.fileName);
                } catch (NoSuchFileException ex) {
                    DirectoryScan.Located now = state.findOnDisk(e.baseName);
                    if (now != null) {
                        deleteIfExists(now);
                    }
                }
                records.add(list.expunge(uid));
                freed[0] += e.size;
                freed[1]++;
                out.add(uid);
            }
            return out;
        });
        if (freed[1] > 0) {
            // after the lock: other sessions may see the expunge first; a crash before this fsync brings it back
            Durable.syncDirectory(state.dir.resolve(FolderDirs.CUR), fsync);
            state.removedBytes(freed[0], (int) freed[1]);
        }
        return removed;
    }

    private void deleteIfExists(DirectoryScan.Located file) throws IOException {
        try {
            state.dirs.messages(file.inNew()).delete(file.fileName());
        } catch (NoSuchFileException gone) {
            // removed by someone else meanwhile
        }
    }

    /**
     * A file to put into this folder's {@code cur/}: moved from a {@code tmp/} (our own file, {@code from} null) or
     * linked from another folder's {@code new/} or {@code cur/} ({@code from}, through which a copy reads it when
     * no link can be made).
     *
     * @param relocate finds the source again if it was renamed meanwhile; may return null
     */
    record Placement(Path source, FolderState from, boolean move, Flags flags, long size, long internalDateMillis,
                     Relocator relocate) {
    }

    interface Relocator {
        Path locate() throws IOException;
    }

    /**
     * Places files in {@code cur/} with their flags, gives them consecutive UIDs in order, then fsyncs {@code cur/}
     * (after the lock, so that appends to one folder share the wait: other sessions may see the message before the
     * fsync ends, and lose it again if the machine crashes then, but its sender has no answer yet).
     * Returns the UIDs; -1 for a source that vanished.
     */
    List<Long> place(List<Placement> placements) throws IOException {
        return place(placements, false);
    }

    /**
     * Places files like {@link #place(List)}, all or none: if one cannot be placed (its source vanished, or the
     * move fails) the files already put into {@code cur/} are removed again before the lock is released, nothing is
     * recorded, and the failure is thrown.
     */
    List<Long> placeAll(List<Placement> placements) throws IOException {
        return place(placements, true);
    }

    private List<Long> place(List<Placement> placements, boolean allOrNone) throws IOException {
        List<Long> uids = state.update((list, records) -> {
            List<UidEntry> placed = new ArrayList<>();
            List<String> putNames = new ArrayList<>();
            boolean complete = false;
            try {
                for (Placement p : placements) {
                    String letters = FlagCodec.encode(p.flags(), "", state.keywords);
                    String base = names.newBaseName(p.size());
                    String fileName = FlagCodec.curName(base, letters);
                    Path target = state.dir.resolve(FolderDirs.CUR).resolve(fileName);
                    if (!put(p, target)) {
                        if (allOrNone) {
                            throw new StoreException("a message to append vanished from tmp/ before it reached "
                                    + state.name);
                        }
                        placed.add(null);
                        continue;
                    }
                    putNames.add(fileName);
                    placed.add(new UidEntry(0, base, p.internalDateMillis(), p.size(), false, fileName, 0));
                }
                complete = true;
            } finally {
                if (!complete && allOrNone) {
                    for (String name : putNames) {
                        try {
                            state.dirs.messages(false).delete(name);
                        } catch (IOException e) {
                            // gone already, or cannot be removed: the failure being thrown says enough
                        }
                    }
                }
            }
            List<Long> given = new ArrayList<>();
            for (UidEntry pending : placed) {
                if (pending == null) {
                    given.add(-1L);
                    continue;
                }
                UidEntry e = new UidEntry(list.nextUid(), pending.baseName, pending.internalDateMillis, pending.size,
                        false, pending.fileName, list.nextModSeq());
                list.add(e);
                records.add(UidListFile.added(e));
                given.add(e.uid);
            }
            return given;
        });
        Durable.syncDirectory(state.dir.resolve(FolderDirs.CUR), fsync);
        return uids;
    }

    private boolean put(Placement p, Path target) throws IOException {
        Path source = p.source();
        for (int attempt = 0; attempt < 2 && source != null; attempt++) {
            try {
                if (p.move()) {
                    // our own file in tmp/: its time set without following a link, should one have replaced it
                    Files.getFileAttributeView(source, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .setTimes(FileTime.fromMillis(p.internalDateMillis()), null, null);
                    Durable.moveNoReplace(source, target);
                } else {
                    Path linked = source;
                    Durable.linkOrCopy(linked, target, () -> p.from().open(
                            linked.getParent().getFileName().toString().equals(FolderDirs.NEW),
                            linked.getFileName().toString()), state.dirs.messages(false), fsync);
                }
                return true;
            } catch (NoSuchFileException e) {
                source = p.relocate() == null ? null : p.relocate().locate();
            } catch (FileAlreadyExistsException e) {
                throw new StoreException("unique file name collision in " + state.name, e);
            }
        }
        return false;
    }
}
