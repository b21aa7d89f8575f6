package org.mailstack.core.maildir;

/** The special-use roles of the folders created at first open (RFC 6154 section 2). */
public enum SpecialUse {
    SENT("Sent", "\\Sent"),
    DRAFTS("Drafts", "\\Drafts"),
    TRASH("Trash", "\\Trash"),
    JUNK("Junk", "\\Junk"),
    ARCHIVE("Archive", "\\Archive");

    private final String defaultFolder;
    private final String attribute;

    SpecialUse(String defaultFolder, String attribute) {
        this.defaultFolder = defaultFolder;
        this.attribute = attribute;
    }

    /** The top-level folder created for this role, e.g. {@code "Sent"}. */
    public FolderName folder() {
        return FolderName.of(defaultFolder);
    }

    /** The LIST attribute, e.g. {@code "\\Sent"}. */
    public String attribute() {
        return attribute;
    }
}
