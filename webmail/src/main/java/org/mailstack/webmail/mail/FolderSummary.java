package org.mailstack.webmail.mail;

/**
 * One folder in the folder list.
 *
 * @param name   the full IMAP name, as the server spells it
 * @param role   its special use (RFC 6154), guessed from the name when the server does not say
 * @param total  messages in it
 * @param unread messages without {@code \Seen}
 */
public record FolderSummary(String name, FolderRole role, int total, int unread) {
}
