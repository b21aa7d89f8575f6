package org.mailstack.user;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

import org.mailstack.core.files.FileWarnings;
import org.mailstack.core.files.OwnerDirectory;
import org.mailstack.core.files.RefusedFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory where received messages wait between DATA and delivery. It lies in the JVM's temporary directory,
 * which the account's owner can write too ({@code /tmp}): a directory found there under a known name could be theirs,
 * or a link, and a spool file they could swap for a link would be delivered into the mailbox with whatever the link
 * names. So each start makes a new one, exclusively (mkdir fails on any existing name) with mode 0700, and never
 * uses one it finds. Spool directories of earlier runs (the process died while receiving) are emptied and removed
 * when they are real directories of this user; their files are removed without following a link.
 */
final class SpoolDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolDirectory.class);
    static final String PREFIX = "mailstack-spool";

    private SpoolDirectory() {}

    /** A new private spool directory in {@code base}; earlier ones of this user are removed. */
    static Path create(Path base) throws IOException {
        Path spool = Files.createTempDirectory(base, PREFIX + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        UserPrincipal self = Files.getOwner(spool, LinkOption.NOFOLLOW_LINKS);
        int removed = 0;
        try (DirectoryStream<Path> earlier = Files.newDirectoryStream(base, PREFIX + "*");
             OwnerDirectory dir = OwnerDirectory.openTrusted(base)) {
            for (Path p : earlier) {
                if (!p.equals(spool) && isOwnDirectory(p, self)) {
                    removed += remove(dir, p.getFileName().toString());
                }
            }
        }
        if (removed > 0) {
            LOG.info("removed {} copies of messages that were being received when the process stopped", removed);
        }
        return spool;
    }

    private static boolean isOwnDirectory(Path p, UserPrincipal self) throws IOException {
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return a.isDirectory() && a.owner().equals(self);
    }

    /** Removes the regular files of one earlier spool directory, then the directory; returns how many files. */
    private static int remove(OwnerDirectory base, String name) throws IOException {
        int removed = 0;
        try (OwnerDirectory spool = base.directory(name)) {
            if (spool == null) {
                return 0;
            }
            for (String file : spool.names()) {
                try {
                    if (spool.regular(file) != null) {
                        spool.delete(file);
                        removed++;
                    }
                } catch (RefusedFileException e) {
                    // not a spool file (logged once): the directory stays
                }
            }
        } catch (RefusedFileException e) {
            return 0;
        }
        try {
            Files.deleteIfExists(base.path().resolve(name));
        } catch (DirectoryNotEmptyException e) {
            LOG.warn("earlier spool directory {} is not empty; left in place",
                    FileWarnings.printable(base.path().resolve(name)));
        }
        return removed;
    }
}
