package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.mailstack.core.files.RefusedFileException;

/**
 * COPY and MOVE between folders (RFC 3501 section 6.4.7, RFC 6851): each source file is hard-linked into the
 * target's {@code cur/} under a new unique name with its flags re-encoded for the target's keyword table; then the
 * target gives UIDs in source UID order. Only the target's lock is taken, never two locks at once, so copies in
 * opposite directions cannot deadlock. A move then expunges the sources (a crash in between leaves a copy, never
 * a loss).
 */
final class Transfer {
    private final Quota quota;

    Transfer(Quota quota) {
        this.quota = quota;
    }

    CopyResult copy(FolderState source, Collection<Long> uids, FolderState target, FolderOperations targetOps)
            throws IOException {
        Snapshot s = source.latest();
        List<Long> sourceUids = new ArrayList<>();
        List<FolderOperations.Placement> placements = new ArrayList<>();
        long bytes = 0;
        for (long uid : new TreeSet<>(uids)) {
            int i = s.indexOf(uid);
            if (i < 0) {
                continue;
            }
            MessageInfo m = s.messages[i];
            if (!isRegularFile(source, s.inNew(i), s.fileName(i))) {
                continue;
            }
            String base = MaildirNames.baseName(s.fileName(i));
            Path file = new DirectoryScan.Located(s.inNew(i), s.fileName(i)).in(source.dir);
            placements.add(new FolderOperations.Placement(file, source, false, m.flags(), m.size(),
                    m.internalDate().toEpochMilli(), () -> {
                        DirectoryScan.Located now = source.findOnDisk(base);
                        return now == null ? null : now.in(source.dir);
                    }));
            sourceUids.add(uid);
            bytes += m.size();
        }
        quota.checkRoom(bytes);
        List<Long> placed = targetOps.place(placements);
        List<Long> fromUids = new ArrayList<>();
        List<Long> toUids = new ArrayList<>();
        long placedBytes = 0;
        for (int i = 0; i < placed.size(); i++) {
            if (placed.get(i) >= 0) {
                fromUids.add(sourceUids.get(i));
                toUids.add(placed.get(i));
                placedBytes += placements.get(i).size();
            }
        }
        quota.add(placedBytes, toUids.size());
        return new CopyResult(target.name, target.latest().uidValidity, fromUids, toUids);
    }

    /**
     * Whether a source file may be linked or copied: a regular file, or gone (then the placement finds it again or
     * skips it). A link or special file put in its place is neither linked nor read (the refusal is logged once);
     * one put there after this check fails the link or the copy, which open nothing but regular files.
     */
    private static boolean isRegularFile(FolderState source, boolean inNew, String fileName) throws IOException {
        try {
            source.regular(inNew, fileName);
            return true;
        } catch (RefusedFileException e) {
            return false;
        }
    }

    CopyResult move(FolderState source, FolderOperations sourceOps, Collection<Long> uids, FolderState target,
                    FolderOperations targetOps) throws IOException {
        CopyResult copied = copy(source, uids, target, targetOps);
        sourceOps.expunge(copied.sourceUids(), false);
        return copied;
    }
}
