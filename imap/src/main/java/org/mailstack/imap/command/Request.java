package org.mailstack.imap.command;

import org.mailstack.imap.parse.ImapReader;

/**
 * One parsed command line: its tag, name, whether it came as {@code UID <name>}, and a reader positioned on its
 * arguments (after the space that follows the name, if any).
 */
public record Request(String tag, String name, boolean uid, ImapReader args) {
}
