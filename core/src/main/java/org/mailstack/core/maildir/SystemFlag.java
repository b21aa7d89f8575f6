package org.mailstack.core.maildir;

import java.util.Locale;
import java.util.Optional;

/**
 * The IMAP system flags that live in a Maildir file name (RFC 3501 section 2.3.2), each with its maildir(5) letter.
 * {@code \Recent} is not here: it is a property of a session's view, not of the file.
 */
public enum SystemFlag {
    DRAFT('D', "\\Draft"),
    FLAGGED('F', "\\Flagged"),
    ANSWERED('R', "\\Answered"),
    SEEN('S', "\\Seen"),
    DELETED('T', "\\Deleted");

    private final char letter;
    private final String imapName;

    SystemFlag(char letter, String imapName) {
        this.letter = letter;
        this.imapName = imapName;
    }

    /** The maildir info letter, e.g. {@code 'S'} for {@code \Seen}. */
    public char letter() {
        return letter;
    }

    /** The IMAP spelling, e.g. {@code "\\Seen"}. */
    public String imapName() {
        return imapName;
    }

    /** Looks up an IMAP flag name case-insensitively ({@code "\\seen"} finds {@link #SEEN}). */
    public static Optional<SystemFlag> fromImapName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (SystemFlag f : values()) {
            if (f.imapName.toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Looks up a maildir info letter. */
    public static Optional<SystemFlag> fromLetter(char letter) {
        for (SystemFlag f : values()) {
            if (f.letter == letter) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
