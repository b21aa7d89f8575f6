package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Maildir++ {@code subscriptions} file at the root: one logical folder name per line, UTF-8 (Courier writes
 * {@code INBOX.Sent}; this store writes the names its callers see, {@code Sent}, {@code Lists/java}). Lines that
 * are not valid names are dropped. Rewritten atomically.
 */
final class Subscriptions {
    static final String FILE = "subscriptions";
    private final Path file;
    private final boolean fsync;

    Subscriptions(Path root, boolean fsync) {
        this.file = root.resolve(FILE);
        this.fsync = fsync;
    }

    synchronized Set<FolderName> read() throws IOException {
        TreeSet<FolderName> out = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    try {
                        out.add(FolderName.of(line.strip()));
                    } catch (InvalidFolderNameException e) {
                        // not ours to keep
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return Collections.emptySortedSet();
        }
        return Collections.unmodifiableSortedSet(out);
    }

    synchronized void set(FolderName folder, boolean subscribed) throws IOException {
        TreeSet<FolderName> names = new TreeSet<>(read());
        boolean changed = subscribed ? names.add(folder) : names.remove(folder);
        if (changed) {
            StringBuilder out = new StringBuilder();
            for (FolderName n : names) {
                out.append(n.name()).append('\n');
            }
            Durable.writeAtomically(file, out.toString().getBytes(StandardCharsets.UTF_8), fsync);
        }
    }
}
