package org.mailstack.imap.parse;

/**
 * Mailbox names between the wire and the store: modified UTF-7 (RFC 3501 section 5.1.3), the case-insensitive
 * {@code INBOX} (section 5.1), and the hierarchy delimiter {@code /}.
 */
public final class Mailboxes {
    public static final char DELIMITER = '/';
    public static final String INBOX = "INBOX";

    private Mailboxes() {
    }

    /**
     * Decodes a wire name into the store's logical name.
     *
     * @throws InvalidMailboxNameException when it is not valid modified UTF-7
     */
    public static String fromWire(String wire) {
        String name;
        try {
            name = ModifiedUtf7.decode(wire);
        } catch (IllegalArgumentException e) {
            throw new InvalidMailboxNameException();
        }
        return normaliseInbox(name);
    }

    /** {@code inbox}, {@code Inbox/x} → {@code INBOX}, {@code INBOX/x}. */
    public static String normaliseInbox(String name) {
        if (name.equalsIgnoreCase(INBOX)) {
            return INBOX;
        }
        if (name.length() > INBOX.length() && name.charAt(INBOX.length()) == DELIMITER
                && name.regionMatches(true, 0, INBOX, 0, INBOX.length())) {
            return INBOX + name.substring(INBOX.length());
        }
        return name;
    }

    public static String toWire(String name) {
        return ModifiedUtf7.encode(name);
    }

    /** A name that cannot be decoded: answered with {@code NO}, as Dovecot does. */
    public static final class InvalidMailboxNameException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidMailboxNameException() {
            super("Mailbox name is not valid modified UTF-7", null, false, false);
        }
    }
}
