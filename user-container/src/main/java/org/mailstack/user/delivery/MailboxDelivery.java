package org.mailstack.user.delivery;

import java.io.IOException;
import java.io.InputStream;

import org.mailstack.core.maildir.QuotaExceededException;

/**
 * The one thing the delivery agent needs from the Maildir store: put a message into a folder durably. The
 * production implementation is {@link MaildirDelivery} over core's {@code MaildirStore}; tests use fakes.
 *
 * <p>Contract (HACKING.md, "250 means on disk and fsync'd"): when {@link #deliver} returns, the message is a complete
 * file in the folder's {@code new/} directory, the file and the directory entry have been fsync'd; when it throws,
 * nothing of the message is visible outside {@code tmp/}.
 */
public interface MailboxDelivery {

    /** The name of the inbox folder. */
    String INBOX = "INBOX";

    /**
     * Stores one message in {@code folder}, creating the folder if it does not exist.
     *
     * @param folder {@link #INBOX} or a folder name as Sieve's {@code fileinto} gives it (e.g. {@code "Lists/java"})
     * @param message the complete message, trace headers included
     * @throws IllegalArgumentException if the folder name is not acceptable to the store
     * @throws QuotaExceededException if the message would take the account over its quota
     * @throws IOException if the message could not be made durable
     */
    void deliver(String folder, InputStream message) throws IOException;

    /** Bytes the account's messages use now. */
    long usedBytes() throws IOException;

    /** The account's byte quota, 0 for none. */
    long quotaBytes();
}
