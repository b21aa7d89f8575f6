package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.mailstack.core.files.OwnerDirectory;

/**
 * Where the store's directories are opened from. The root's parent is trusted (in the user container the home, the
 * volume's mount point, which its owner cannot replace) and held open; the root and everything below it are opened
 * one element at a time through {@link OwnerDirectory}, so a link planted anywhere below the parent is never followed.
 */
final class MaildirRoot implements AutoCloseable {
    final Path path;
    private final String name;
    private OwnerDirectory parent;

    MaildirRoot(Path root) {
        this.path = root.toAbsolutePath().normalize();
        if (path.getParent() == null) {
            throw new IllegalArgumentException("a Maildir root needs a parent directory: " + root);
        }
        this.name = path.getFileName().toString();
    }

    /**
     * The root, opened; the caller closes it.
     *
     * @throws NoSuchFileException when it does not exist
     * @throws org.mailstack.core.files.RefusedFileException (logged once) when it is a link or not a directory
     */
    OwnerDirectory open() throws IOException {
        OwnerDirectory root = parent().directory(name);
        if (root == null) {
            throw new NoSuchFileException(path.toString());
        }
        return root;
    }

    /** A directory directly under the root (a folder's), opened; null when there is none. */
    OwnerDirectory open(String below) throws IOException {
        try (OwnerDirectory root = open()) {
            return root.directory(below);
        }
    }

    private synchronized OwnerDirectory parent() throws IOException {
        if (parent == null) {
            parent = OwnerDirectory.openTrusted(path.getParent());
        }
        return parent;
    }

    /** Closes the parent; a later use opens it again. */
    @Override
    public synchronized void close() {
        try {
            if (parent != null) {
                parent.close();
            }
        } catch (IOException e) {
            // nothing left to release
        }
        parent = null;
    }
}
