package org.mailstack.imap.command;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import org.mailstack.core.maildir.FolderExistsException;
import org.mailstack.core.maildir.FolderNotFoundException;
import org.mailstack.core.maildir.InvalidFolderNameException;
import org.mailstack.core.maildir.MessageGoneException;
import org.mailstack.core.maildir.QuotaExceededException;
import org.mailstack.core.maildir.StoreException;
import org.mailstack.imap.parse.Mailboxes;
import org.mailstack.imap.parse.ParseException;
import org.mailstack.imap.response.Completion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become tagged responses: syntax errors are {@code BAD}, refusals of the store are
 * {@code NO} with the response code of RFC 5530 that fits. The peer gets generic text; the log gets the details.
 */
final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    static Completion map(String command, Exception e) {
        if (e instanceof ParseException) {
            return Completion.bad("Error in IMAP command " + command + ": " + e.getMessage());
        }
        if (e instanceof NoException no) {
            return Completion.no(no.code(), no.getMessage());
        }
        if (e instanceof Mailboxes.InvalidMailboxNameException || e instanceof InvalidFolderNameException) {
            return Completion.no("CANNOT", "Invalid mailbox name");
        }
        if (e instanceof FolderNotFoundException) {
            return Completion.no("NONEXISTENT", "Mailbox does not exist");
        }
        if (e instanceof FolderExistsException) {
            return Completion.no("ALREADYEXISTS", "Mailbox already exists");
        }
        if (e instanceof QuotaExceededException) {
            return Completion.no("OVERQUOTA", "Quota exceeded");
        }
        if (e instanceof MessageGoneException) {
            return Completion.no("EXPUNGEISSUED", "Some messages were expunged meanwhile");
        }
        if (e instanceof InvalidPathException) {
            // a folder name the JVM cannot turn into a file name: without a UTF-8 locale nothing beyond ASCII can
            LOG.warn("{} refused: {} (file names are encoded as {}; start the JVM with LANG=C.UTF-8)", command,
                    e.getMessage(), System.getProperty("sun.jnu.encoding"));
            return Completion.no("CANNOT", "Mailbox name not supported by this server");
        }
        if (e instanceof StoreException) {
            LOG.info("{} refused by the store: {}", command, e.getMessage());
            return Completion.no("CANNOT", "Operation not permitted");
        }
        if (e instanceof IOException) {
            LOG.warn("{} failed: {}", command, e.toString());
            LOG.debug("{} failed", command, e);
            return Completion.no("SERVERBUG", "Internal error occurred");
        }
        LOG.error("{} failed", command, e);
        return Completion.no("SERVERBUG", "Internal error occurred");
    }
}
