package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

import org.mailstack.core.files.OwnerDirectory;

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

    /**
     * Replaces the file {@code name} in {@code dir} by {@code content}: temporary file created exclusively, fsync,
     * rename over the old one, fsync of the directory; all relative to the open directory. Whatever was under that
     * name (a link included) is replaced, never written through.
     */
    static void writeAtomically(OwnerDirectory dir, String name, byte[] content, boolean fsync) throws IOException {
        String tmp = name + ".tmp." + Long.toHexString(ThreadLocalRandom.current().nextLong());
        boolean moved = false;
        try {
            try (FileChannel ch = dir.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                write(ch, ByteBuffer.wrap(content));
                if (fsync) {
                    ch.force(true);
                }
            }
            dir.move(tmp, dir, name);
            moved = true;
        } finally {
            if (!moved) {
                deleteIfExists(dir, tmp);
            }
        }
        if (fsync) {
            dir.sync();
        }
    }

    private static void deleteIfExists(OwnerDirectory dir, String name) throws IOException {
        try {
            dir.delete(name);
        } catch (NoSuchFileException e) {
            // never created, or removed already
        }
    }

    private static void write(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /**
     * Gives {@code source} the additional name {@code target} without ever replacing an existing file (link(2), as
     * Dovecot does: rename(2) would silently overwrite). Falls back to a copy when the file system has no hard links
     * or refuses this one (protected_hardlinks refuses a link to another user's file that is not a regular file or
     * not writable): read through {@code in}, which never follows a link, into {@code targetName} created
     * exclusively in the open {@code targetDir}.
     *
     * @throws FileAlreadyExistsException if {@code target} exists
     */
    static void linkOrCopy(Path source, Path target, Opener in, OwnerDirectory targetDir, boolean fsync)
            throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException | NoSuchFileException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            copy(in, targetDir, target.getFileName().toString(), fsync);
        }
    }

    /** Opens the source of a copy for reading. */
    interface Opener {
        SeekableByteChannel open() throws IOException;
    }

    private static void copy(Opener in, OwnerDirectory targetDir, String targetName, boolean fsync)
            throws IOException {
        boolean done = false;
        try (SeekableByteChannel from = in.open();
             FileChannel out = targetDir.open(targetName, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (from.read(buf) >= 0) {
                buf.flip();
                write(out, buf);
                buf.clear();
            }
            if (fsync) {
                out.force(true);
            }
            done = true;
        } catch (FileAlreadyExistsException e) {
            done = true; // not ours to remove
            throw e;
        } finally {
            if (!done) {
                deleteIfExists(targetDir, targetName);
            }
        }
    }

    /** Moves {@code source} to {@code target} (same directory tree) without replacing an existing file. */
    static void moveNoReplace(Path source, Path target) throws IOException {
        moveNoReplace(source, target, () -> Files.delete(source));
    }

    /**
     * Moves {@code source} to {@code target} without replacing an existing file: a link, then {@code removeSource}
     * (an unlink through the source's open directory, for a name the owner may have chosen). Where the file system
     * has no hard links, a check then rename(2); never a copy, which could only be needed if a directory on the way
     * had been swapped for a link to another file system.
     */
    static void moveNoReplace(Path source, Path target, DirectoryScan.IoRunnable removeSource) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException | NoSuchFileException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // no hard links here (EPERM, a FUSE file system): check, then rename
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        removeSource.run();
    }
}
