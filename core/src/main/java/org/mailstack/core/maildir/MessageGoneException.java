package org.mailstack.core.maildir;

/** The message was expunged (by this or another session or process) after the view last saw it. */
public final class MessageGoneException extends StoreException {
    private final long uid;

    public MessageGoneException(FolderName folder, long uid) {
        super("message " + uid + " in " + folder + " was expunged");
        this.uid = uid;
    }

    public long uid() {
        return uid;
    }
}
