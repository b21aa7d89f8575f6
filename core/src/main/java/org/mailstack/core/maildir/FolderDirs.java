package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.mailstack.core.files.OwnerDirectory;
import org.mailstack.core.files.RefusedFileException;

/**
 * One folder's directories, held open ({@link OwnerDirectory}): the store reads, lists, renames and removes the
 * folder's files through these, never through a path, so a link planted in the folder or above it is never
 * followed. They are opened on first use, from the root's parent one element at a time, and opened again when a
 * path names another directory than the open one (the owner moved or replaced one): {@link #check} compares them at
 * every refresh. A folder whose directory, {@code new/} or {@code cur/} is a link or no directory does not exist for
 * the store; a {@code tmp/} that is one takes no deliveries. Each refusal is logged once.
 *
 * <p>Writes that create a file (a delivery's {@code tmp/} file through {@link #tmp}, link(2) into {@code new/} or
 * {@code cur/}, an atomic replacement) still name paths where Java offers no call relative to a descriptor; they
 * create exclusively or replace, so a link in their place is never written through, and a directory swapped for a
 * link on their way can only make them fail or create a new file elsewhere in the volume.
 */
final class FolderDirs {
    static final String NEW = "new";
    static final String CUR = "cur";
    static final String TMP = "tmp";

    final FolderName name;
    /** The folder's path: for logs, mtimes and the calls that only take paths. */
    final Path dir;
    private final MaildirRoot root;
    /** The folder's directory under the root, or null for INBOX, which is the root. */
    private final String dirName;
    private volatile Open open;

    /** The open directories; a missing or refused subdirectory is null. */
    private record Open(OwnerDirectory folder, OwnerDirectory newDir, OwnerDirectory cur, OwnerDirectory tmp) {
        OwnerDirectory sub(String sub) {
            return sub.equals(NEW) ? newDir : sub.equals(CUR) ? cur : tmp;
        }

        void close() {
            for (OwnerDirectory d : new OwnerDirectory[] {tmp, cur, newDir, folder}) {
                closeQuietly(d);
            }
        }
    }

    FolderDirs(MaildirRoot root, FolderName name, Path dir) {
        this.root = root;
        this.name = name;
        this.dir = dir;
        this.dirName = name.isInbox() ? null : dir.getFileName().toString();
    }

    /** The folder's own directory (UID list, keywords, lock file). */
    OwnerDirectory folder() throws IOException {
        return open().folder;
    }

    /** {@code new/} or {@code cur/}. */
    OwnerDirectory messages(boolean inNew) throws IOException {
        OwnerDirectory d = open().sub(inNew ? NEW : CUR);
        if (d == null) {
            throw new FolderNotFoundException(name);
        }
        return d;
    }

    /** {@code tmp/}, where deliveries to this folder are written. */
    OwnerDirectory tmp() throws IOException {
        OwnerDirectory d = open().tmp;
        if (d == null) {
            throw new NoSuchFileException(dir.resolve(TMP).toString());
        }
        return d;
    }

    /**
     * The attributes of {@code new/} or {@code cur/} as its path names it now (lstat: no link followed), after making
     * sure that the open directory is the one the path names; the open directories are replaced when it is not.
     *
     * @throws FolderNotFoundException when it is missing, a link or no directory
     */
    BasicFileAttributes check(String sub) throws IOException {
        BasicFileAttributes seen;
        try {
            seen = Files.readAttributes(dir.resolve(sub), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new FolderNotFoundException(name);
        }
        Open o = open();
        OwnerDirectory d = o.sub(sub);
        if (d == null || !seen.isDirectory() || !Objects.equals(d.key(), seen.fileKey())) {
            d = reopen(o).sub(sub);
            if (d == null || !seen.isDirectory()) {
                throw new FolderNotFoundException(name);
            }
        }
        return seen;
    }

    /** What runs with the open directories and may meet ones that another thread replaced meanwhile. */
    interface Action<T> {
        T apply(FolderDirs dirs) throws IOException;
    }

    /** Runs {@code action}, once more if the directories it used were replaced meanwhile by {@link #check}. */
    <T> T use(Action<T> action) throws IOException {
        try {
            return action.apply(this);
        } catch (ClosedDirectoryStreamException e) {
            return action.apply(this);
        }
    }

    /** Closes the directories; a later use opens them again. */
    synchronized void close() {
        Open o = open;
        open = null;
        if (o != null) {
            o.close();
        }
    }

    private Open open() throws IOException {
        Open o = open;
        return o != null ? o : reopen(null);
    }

    private synchronized Open reopen(Open stale) throws IOException {
        Open current = open;
        if (current != null && current != stale) {
            return current;
        }
        Open fresh = walk();
        open = fresh;
        if (current != null) {
            current.close();
        }
        return fresh;
    }

    private Open walk() throws IOException {
        OwnerDirectory folder;
        try {
            folder = dirName == null ? root.open() : root.open(dirName);
        } catch (NoSuchFileException | RefusedFileException e) {
            throw new FolderNotFoundException(name);
        }
        if (folder == null) {
            throw new FolderNotFoundException(name);
        }
        OwnerDirectory[] subs = new OwnerDirectory[3];
        try {
            subs[0] = sub(folder, NEW);
            subs[1] = sub(folder, CUR);
            subs[2] = sub(folder, TMP);
            return new Open(folder, subs[0], subs[1], subs[2]);
        } catch (IOException | RuntimeException e) {
            new Open(folder, subs[0], subs[1], subs[2]).close();
            throw e;
        }
    }

    private static OwnerDirectory sub(OwnerDirectory folder, String sub) throws IOException {
        try {
            return folder.directory(sub);
        } catch (RefusedFileException e) {
            return null;
        }
    }

    private static void closeQuietly(OwnerDirectory d) {
        try {
            if (d != null) {
                d.close();
            }
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
