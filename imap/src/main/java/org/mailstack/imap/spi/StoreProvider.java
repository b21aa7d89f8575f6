package org.mailstack.imap.spi;

import java.io.IOException;
import org.mailstack.core.maildir.MaildirStore;

/**
 * Gives the Maildir store of an authenticated account. Return the same open store for every session of an account
 * (the store is shared, as {@link MaildirStore} requires); the server never closes it.
 */
@FunctionalInterface
public interface StoreProvider {
    MaildirStore storeFor(String account) throws IOException;
}
