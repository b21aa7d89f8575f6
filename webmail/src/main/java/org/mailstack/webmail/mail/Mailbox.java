package org.mailstack.webmail.mail;

import java.util.List;
import java.util.Optional;

/**
 * One signed-in user's mail: the IMAP connection to that user's own container and the means to send as that user.
 * A mailbox never reaches another account: folder names and UIDs are only ever resolved on its own connection.
 * Implementations serialise calls; {@link #close()} logs out and forgets the credentials.
 */
public interface Mailbox extends AutoCloseable {

    /** The address that signed in. */
    String address();

    /** All folders with their counts, INBOX first. */
    List<FolderSummary> folders();

    /** A page of a folder, newest first; {@code query} (may be null or blank) searches subject, sender and body. */
    MessagePage list(String folder, int page, int pageSize, String query);

    /** Opens a message; sets {@code \Seen} as reading does. */
    MessageView read(MessageRef ref);

    /** One attachment's content, numbered as in {@link MessageView#attachments()}. */
    AttachmentData attachment(MessageRef ref, int index);

    void changeFlags(String folder, List<Long> uids, FlagChange change);

    void move(String folder, List<Long> uids, String targetFolder);

    /** Moves to the Trash; in the Trash itself, deletes for good. */
    void delete(String folder, List<Long> uids);

    /** Sends through submission with the user's credentials and keeps a copy in Sent. */
    void send(Outgoing message);

    /** Saves a draft in Drafts; returns nothing the caller needs: the draft is found by listing Drafts. */
    void saveDraft(Outgoing message);

    /** Removes a draft for good once it was sent or saved again. */
    void discardDraft(long uid);

    /** Creates a folder (RFC 3501 §6.3.3); refuses a name that exists. */
    void createFolder(String name);

    /** The folder the given role maps to, when it exists. */
    Optional<String> folderFor(FolderRole role);

    @Override
    void close();
}
