package org.mailstack.core.maildir;

/** The folder does not exist (IMAP {@code NO [NONEXISTENT]}, RFC 5530). */
public final class FolderNotFoundException extends StoreException {
    private final FolderName folder;

    public FolderNotFoundException(FolderName folder) {
        super("no such folder: " + folder);
        this.folder = folder;
    }

    public FolderName folder() {
        return folder;
    }
}
