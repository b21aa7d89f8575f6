package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/** fsync and atomic replacement helpers; every durability step of the store goes through here. */
final class Durable {
    private Durable() {
    }

    /** fsyncs a directory so that a rename or create inside it survives a crash. */
    static void syncDirectory(Path dir, boolean fsync) throws IOException {
        if (!fsync) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Replaces {@code target} by {@code content}: temporary file, fsync, rename, fsync of the directory. */
    static void writeAtomically(Path target, byte[] content, boolean fsync) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp." + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (fsync) {
                    ch.force(true);
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(target.getParent(), fsync);
    }

    /**
     * Gives {@code source} the additional name {@code target} without ever replacing an existing file (link(2), as
     * Dovecot does: rename(2) would silently overwrite). Falls back to a copy when the file system has no hard links.
     *
     * @throws FileAlreadyExistsException if {@code target} exists
     */
    static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException | java.nio.file.NoSuchFileException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(source, target);
        }
    }

    /** Moves {@code source} to {@code target} (same directory tree) without replacing an existing file. */
    static void moveNoReplace(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException | java.nio.file.NoSuchFileException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // no hard links here (EPERM, EXDEV, a FUSE file system): check, then rename
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException a) {
                Files.move(source, target);
            }
            return;
        }
        Files.delete(source);
    }
}
