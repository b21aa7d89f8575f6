package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.mailstack.core.files.OwnerDirectory;
import org.mailstack.core.files.RefusedFileException;

/**
 * The Maildir++ {@code subscriptions} file at the root: one logical folder name per line, UTF-8 (Courier writes
 * {@code INBOX.Sent}; this store writes the names its callers see, {@code Sent}, {@code Lists/java}). Lines that
 * are not valid names are dropped. Rewritten atomically. Read only as a regular file of at most {@link #MAX_SIZE}
 * bytes through the root's open directory: anything else (logged once) counts as no subscriptions and is replaced
 * at the next change, by a rename over it that never touches a link's target.
 */
final class Subscriptions {
    static final String FILE = "subscriptions";
    static final long MAX_SIZE = 1 << 20;
    private final MaildirRoot root;
    private final boolean fsync;

    Subscriptions(MaildirRoot root, boolean fsync) {
        this.root = root;
        this.fsync = fsync;
    }

    synchronized Set<FolderName> read() throws IOException {
        byte[] content;
        try (OwnerDirectory dir = root.open()) {
            content = dir.readRegular(FILE, 0, MAX_SIZE);
        } catch (RefusedFileException e) {
            content = null;
        }
        if (content == null) {
            return Collections.emptySortedSet();
        }
        TreeSet<FolderName> out = new TreeSet<>();
        for (String line : new String(content, StandardCharsets.UTF_8).lines().toList()) {
            if (!line.isBlank()) {
                try {
                    out.add(FolderName.of(line.strip()));
                } catch (InvalidFolderNameException e) {
                    // not ours to keep
                }
            }
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
            try (OwnerDirectory dir = root.open()) {
                Durable.writeAtomically(dir, FILE, out.toString().getBytes(StandardCharsets.UTF_8), fsync);
            }
        }
    }
}
