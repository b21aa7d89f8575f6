package org.mailstack.mailctl.account;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.mailstack.mailctl.ExitCode;
import org.mailstack.mailctl.MailctlException;

/**
 * Files that hold mail on the host: archives of deleted accounts and backups. They are private to their owner from
 * the first byte (mode 0600 in a 0700 directory), written under a {@code .part} name and renamed when complete, so
 * that a name without {@code .part} is always a whole file.
 */
public final class ArchiveFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ArchiveFiles() {}

    /** The UTC time stamp in archive names, such as {@code 20261123T080000Z}. */
    public static String stamp(Instant instant) {
        return STAMP.format(instant);
    }

    /** The {@code .part} file beside {@code target}, where it is written until complete. */
    public static Path part(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /** Creates the directory (0700 where it is made) and an empty private file in it, replacing a stale one. */
    public static void createPrivate(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
        Files.deleteIfExists(file);
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    /** Makes a complete {@code .part} file durable under its final name: fsync, rename, fsync of the directory. */
    public static Path publish(Path part, Path target) throws IOException {
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Path done = Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory: the rename is still atomic
        }
        return done;
    }

    public static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing more to do: the caller's message already names the problem
        }
    }

    /** A failure to write {@code target}: exit 4 when the disk is full, else 1; {@code kept} says what is safe. */
    public static MailctlException writeFailure(Path target, IOException e, String kept) {
        boolean full = e.getMessage() != null && e.getMessage().contains("No space left");
        return new MailctlException(full ? ExitCode.NO_SPACE : ExitCode.OPERATION, "could not write " + target
                + " (" + e.getMessage() + ")" + kept, e);
    }
}
