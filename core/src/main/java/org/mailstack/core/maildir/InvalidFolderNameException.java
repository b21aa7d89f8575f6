package org.mailstack.core.maildir;

/** A folder name that {@link FolderName#of} refuses; the message says which rule it breaks. */
public final class InvalidFolderNameException extends IllegalArgumentException {
    private final String reason;

    public InvalidFolderNameException(String name, String reason) {
        super("invalid folder name: " + reason);
        this.reason = reason;
    }

    /** The broken rule, e.g. {@code "the name contains \"..\""}; never contains the name itself (it may hold CR/LF). */
    public String reason() {
        return reason;
    }
}
