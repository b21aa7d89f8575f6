package org.mailstack.webmail.mail;

/** Special folders the webmail writes to (RFC 6154 special-use attributes, plus the INBOX). */
public enum FolderRole {
    INBOX, DRAFTS, SENT, TRASH, JUNK, ARCHIVE, OTHER
}
