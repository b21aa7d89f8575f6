package org.mailstack.user.delivery;

import java.io.IOException;
import java.io.InputStream;

import org.mailstack.core.maildir.FolderExistsException;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.MaildirStore;

/**
 * {@link MailboxDelivery} over the account's {@link MaildirStore}. Sieve's {@code fileinto} creates missing folders
 * (as {@code fileinto :create} of RFC 5490 would): a rule naming a new folder should not bounce mail.
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
            } catch (FolderExistsException raced) {
                // another delivery created it meanwhile
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
