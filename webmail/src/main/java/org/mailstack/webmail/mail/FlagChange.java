package org.mailstack.webmail.mail;

/** The flag changes the message list and reader offer (RFC 3501 §2.3.2 system flags). */
public enum FlagChange {
    READ, UNREAD, FLAG, UNFLAG, ANSWERED
}
