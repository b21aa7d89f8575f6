package org.mailstack.core.maildir;

/**
 * Told of every COPY and MOVE between folders this store made ({@link MailboxView#copy}, {@link MailboxView#move}):
 * what the IMAP server does for its clients, the webmail's included. Not told of a folder's messages moved by a
 * RENAME of INBOX ({@link MaildirStore#moveAllMessages}), which is no choice about single messages.
 * <p>
 * Called on the thread that made the transfer, after it is durable and only when at least one message was placed:
 * it must return quickly and never block (hand work to a thread of its own). What it throws is logged and
 * otherwise ignored: a listener can never fail the transfer.
 */
@FunctionalInterface
public interface TransferListener {
    /**
     * @param source the folder the messages came from
     * @param result the target folder and the UIDs the messages have there
     * @param move   whether it was a MOVE (the sources are gone) rather than a COPY
     */
    void transferred(FolderName source, CopyResult result, boolean move);
}
