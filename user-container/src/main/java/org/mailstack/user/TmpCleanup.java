package org.mailstack.user;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes every file from the {@code tmp/} directories of the Maildir (INBOX and each {@code .Folder}) at container
 * start. The store itself only removes tmp files older than 36 hours, as maildir(5) advises for a Maildir that other
 * processes may be writing; at start no process of this container writes yet and no other one may, so anything in
 * {@code tmp/} is a delivery that was cut short (a crash, a kill) and was never acknowledged.
 */
final class TmpCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(TmpCleanup.class);

    private TmpCleanup() {}

    /** @return the number of files removed */
    static int run(Path maildir) throws IOException {
        if (!Files.isDirectory(maildir)) {
            return 0;
        }
        int removed = clean(maildir.resolve("tmp"));
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(maildir,
                p -> p.getFileName().toString().startsWith(".") && Files.isDirectory(p))) {
            for (Path folder : folders) {
                removed += clean(folder.resolve("tmp"));
            }
        }
        if (removed > 0) {
            LOG.info("removed {} unfinished deliveries from tmp/", removed);
        }
        return removed;
    }

    /** Removes the regular files directly in {@code tmp}; returns how many. */
    static int clean(Path tmp) throws IOException {
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp, Files::isRegularFile)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        return removed;
    }
}
