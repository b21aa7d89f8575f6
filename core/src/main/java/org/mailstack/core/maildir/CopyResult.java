package org.mailstack.core.maildir;

import java.util.List;

/**
 * The UIDPLUS {@code COPYUID} data of a copy or move (RFC 4315 section 3): {@code targetUids.get(i)} is the copy of
 * {@code sourceUids.get(i)}. Source UIDs that were already expunged are left out of both lists.
 */
public record CopyResult(FolderName target, long targetUidValidity, List<Long> sourceUids, List<Long> targetUids) {
    public CopyResult {
        sourceUids = List.copyOf(sourceUids);
        targetUids = List.copyOf(targetUids);
        if (sourceUids.size() != targetUids.size()) {
            throw new IllegalArgumentException("source and target UID lists differ in length");
        }
    }
}
