package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

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
            String base = MaildirNames.baseName(s.fileName(i));
            Path file = source.dir.resolve(s.relativePath(uid));
            placements.add(new FolderOperations.Placement(file, false, m.flags(), m.size(),
                    m.internalDate().toEpochMilli(), () -> source.findOnDisk(base)));
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

    CopyResult move(FolderState source, FolderOperations sourceOps, Collection<Long> uids, FolderState target,
                    FolderOperations targetOps) throws IOException {
        CopyResult copied = copy(source, uids, target, targetOps);
        sourceOps.expunge(copied.sourceUids(), false);
        return copied;
    }
}
