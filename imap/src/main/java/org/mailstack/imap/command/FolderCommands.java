package org.mailstack.imap.command;

import java.io.IOException;
import org.mailstack.core.maildir.FolderExistsException;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.MaildirStore;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.session.ImapSession;

/** CREATE, DELETE, RENAME, SUBSCRIBE and UNSUBSCRIBE (RFC 3501 sections 6.3.3 to 6.3.7). */
final class FolderCommands {

    private FolderCommands() {
    }


    /** CREATE: superior names are created too, as section 6.3.3 recommends. */
    static final class Create implements ImapCommand {
        @Override
        public Completion execute(ImapSession s, Request r) throws IOException {
            FolderName folder = Args.folder(r.args());
            r.args().end();
            if (folder.isInbox()) {
                return Completion.no("ALREADYEXISTS", "Mailbox already exists");
            }
            MaildirStore store = s.store();
            if (store.exists(folder)) {
                return Completion.no("ALREADYEXISTS", "Mailbox already exists");
            }
            createParents(store, folder);
            store.createFolder(folder);
            return Completion.ok("Create completed.");
        }

        static void createParents(MaildirStore store, FolderName folder) throws IOException {
            var parent = folder.parent();
            if (parent.isPresent() && !parent.get().isInbox() && !store.exists(parent.get())) {
                createParents(store, parent.get());
                try {
                    store.createFolder(parent.get());
                } catch (FolderExistsException e) {
                    // created meanwhile by another session: fine
                }
            }
        }
    }

    /** DELETE: INBOX cannot be deleted; children stay (section 6.3.4). */
    static final class Delete implements ImapCommand {
        @Override
        public Completion execute(ImapSession s, Request r) throws IOException {
            FolderName folder = Args.folder(r.args());
            r.args().end();
            if (folder.isInbox()) {
                return Completion.no("CANNOT", "INBOX can't be deleted.");
            }
            if (s.selected() != null && s.selected().view().folder().equals(folder)) {
                s.deselect();
            }
            s.store().deleteFolder(folder);
            return Completion.ok("Delete completed.");
        }
    }

    /**
     * RENAME: children move with the folder; renaming INBOX moves its messages to a new folder and leaves INBOX
     * empty (section 6.3.5).
     */
    static final class Rename implements ImapCommand {
        @Override
        public Completion execute(ImapSession s, Request r) throws IOException {
            FolderName from = Args.folder(r.args());
            r.args().sp();
            FolderName to = Args.folder(r.args());
            r.args().end();
            MaildirStore store = s.store();
            if (!store.exists(from)) {
                return Completion.no("NONEXISTENT", "Mailbox does not exist");
            }
            if (store.exists(to) || to.isInbox()) {
                return Completion.no("ALREADYEXISTS", "Target mailbox already exists");
            }
            Create.createParents(store, to);
            if (from.isInbox()) {
                store.createFolder(to);
                store.moveAllMessages(from, to);
            } else {
                store.renameFolder(from, to);
            }
            return Completion.ok("Rename completed.");
        }
    }

    /** SUBSCRIBE and UNSUBSCRIBE. */
    static final class Subscribe implements ImapCommand {
        private final boolean subscribe;

        Subscribe(boolean subscribe) {
            this.subscribe = subscribe;
        }

        @Override
        public Completion execute(ImapSession s, Request r) throws IOException {
            FolderName folder = Args.folder(r.args());
            r.args().end();
            if (subscribe) {
                s.store().subscribe(folder);
                return Completion.ok("Subscribe completed.");
            }
            s.store().unsubscribe(folder);
            return Completion.ok("Unsubscribe completed.");
        }
    }
}
