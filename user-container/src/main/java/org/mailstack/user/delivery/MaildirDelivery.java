package org.mailstack.user.delivery;

import java.io.IOException;
import java.io.InputStream;

import org.mailstack.core.maildir.FolderExistsException;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.MaildirStore;

/**
 * {@link MailboxDelivery} over the account's {@link MaildirStore}. Sieve's {@code fileinto} creates missing folders
 * (as {@code fileinto :create} of RFC 5490 would): a rule naming a new folder should not bounce mail; a special-use
 * folder made again this way (Junk, by the default rule) is subscribed, as at the store's first open. A name taken
 * by something that is no folder (a link the owner planted) is refused like an invalid name: the message goes to
 * INBOX instead of being retried for ever.
 */
public final class MaildirDelivery implements MailboxDelivery {
    private final MaildirStore store;

    public MaildirDelivery(MaildirStore store) {
        this.store = store;
    }

    @Override
    public void deliver(String folder, InputStream message) throws IOException {
        FolderName name = FolderName.of(folder);
        if (!name.isInbox() && !store.exists(name)) {
            try {
                store.createFolder(name);
                if (store.specialUse(name).isPresent()) {
                    // as the store does for the folders it makes at first open: Junk filed into again after the
                    // owner deleted it shows up in clients that list subscribed folders only
                    store.subscribe(name);
                }
            } catch (FolderExistsException taken) {
                if (!store.exists(name)) {
                    // not a delivery that raced us: a link or a file the owner put under the folder's name
                    throw new IllegalArgumentException("the folder's name is taken by something that is no folder");
                }
            }
        }
        store.deliver(name, message);
    }

    @Override
    public long usedBytes() throws IOException {
        return store.quota().usedBytes();
    }

    @Override
    public long quotaBytes() {
        return store.options().quotaBytes();
    }
}
