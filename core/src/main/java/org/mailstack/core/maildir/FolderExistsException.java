package org.mailstack.core.maildir;

/** The folder already exists (IMAP {@code NO [ALREADYEXISTS]}, RFC 5530). */
public final class FolderExistsException extends StoreException {
    private final FolderName folder;

    public FolderExistsException(FolderName folder) {
        super("folder exists: " + folder);
        this.folder = folder;
    }

    public FolderName folder() {
        return folder;
    }
}
