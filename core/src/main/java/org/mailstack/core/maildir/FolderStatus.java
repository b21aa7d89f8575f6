package org.mailstack.core.maildir;

/**
 * The counters of STATUS (RFC 3501 section 6.3.10, RFC 7162 section 3.1.2.2), computed from the folder's cached
 * state without opening any message.
 *
 * @param deleted      messages flagged \Deleted (RFC 9208 section 4.3)
 * @param deletedBytes the sum of the sizes of those messages: what an EXPUNGE would free
 * @param bytes        the sum of the sizes of all messages (RFC 8438)
 */
public record FolderStatus(FolderName folder, int messages, int recent, int unseen, long uidNext, long uidValidity,
                           long highestModSeq, int deleted, long deletedBytes, long bytes) {
}
