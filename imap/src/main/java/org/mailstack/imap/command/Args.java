package org.mailstack.imap.command;

import org.mailstack.core.maildir.FolderName;
import org.mailstack.imap.parse.ImapReader;

/** Argument helpers shared by commands. */
final class Args {

    private Args() {
    }

    /** A mailbox argument as a store folder name (trailing delimiter dropped, as CREATE allows). */
    static FolderName folder(ImapReader r) {
        return folder(r.mailbox());
    }

    /** A decoded mailbox name as a store folder name (trailing delimiter dropped). */
    static FolderName folder(String name) {
        while (name.endsWith("/") && name.length() > 1) {
            name = name.substring(0, name.length() - 1);
        }
        return FolderName.of(name);
    }
}
