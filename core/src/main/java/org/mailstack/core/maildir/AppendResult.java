package org.mailstack.core.maildir;

/** Where {@link MaildirStore#append} put a message: the UIDPLUS {@code APPENDUID} data (RFC 4315 section 3). */
public record AppendResult(FolderName folder, long uidValidity, long uid) {
}
