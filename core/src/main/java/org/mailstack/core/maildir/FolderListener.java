package org.mailstack.core.maildir;

/**
 * Told of the changes this store makes to any folder: its messages and flags, the folder list (create, delete,
 * rename) and the subscriptions ({@link MaildirStore#addFolderListener}). Changes by other processes are not told:
 * they are found by reading the store again.
 * <p>
 * Called on the thread that made the change, after it: it must return quickly and never block (hand work to a
 * thread of its own). What it throws is logged and otherwise ignored.
 */
public interface FolderListener {
    /** The folder's messages or flags changed (delivery, append, flags, expunge, copy, move). */
    default void messagesChanged(FolderName folder) {
    }

    /**
     * A folder is about to be renamed: told once for each folder the rename moves, children included, before the
     * folder list changes (so that a reader of the list can tell the rename from a deletion and a creation), and
     * also when the rename then fails.
     */
    default void renaming(FolderName from, FolderName to) {
    }

    /** The folder list or the subscriptions changed. */
    default void foldersChanged() {
    }
}
