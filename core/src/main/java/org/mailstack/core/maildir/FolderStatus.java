package org.mailstack.core.maildir;

/**
 * The counters of STATUS (RFC 3501 section 6.3.10, RFC 7162 section 3.1.2.2), computed from the folder's cached
 * state without opening any message.
 */
public record FolderStatus(FolderName folder, int messages, int recent, int unseen, long uidNext, long uidValidity,
                           long highestModSeq) {
}
