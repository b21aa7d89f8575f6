package org.mailstack.core.maildir;

import java.time.Instant;

/**
 * What an IMAP session knows about one message without opening it.
 *
 * @param uid          the UID (RFC 3501 section 2.3.1.1), unique and ascending within the folder's UIDVALIDITY
 * @param flags        the flags from the file name (and the folder's keyword table)
 * @param size         the size in bytes of the stored message, exactly as served by {@link MailboxView#openBody}
 *                     (RFC822.SIZE); the store keeps the bytes it was given and never converts line endings
 * @param internalDate the INTERNALDATE (RFC 3501 section 2.3.3)
 * @param modSeq       the MODSEQ of the last change to this message (RFC 7162 section 3.1)
 */
public record MessageInfo(long uid, Flags flags, long size, Instant internalDate, long modSeq) {
}
