package org.mailstack.imap.command;

import java.util.regex.Pattern;
import org.mailstack.imap.parse.Mailboxes;

/**
 * A LIST/LSUB pattern (RFC 3501 section 6.3.8): reference and mailbox argument joined, {@code *} matching
 * anything and {@code %} anything but the hierarchy delimiter; a leading INBOX matches case-insensitively.
 */
final class MailboxPattern {
    private final Pattern regex;

    private MailboxPattern(Pattern regex) {
        this.regex = regex;
    }

    /** Builds the pattern from the decoded reference and mailbox arguments. */
    static MailboxPattern of(String reference, String mailbox) {
        String joined;
        if (reference.isEmpty() || mailbox.startsWith("/")) {
            joined = mailbox.startsWith("/") && !reference.isEmpty() ? mailbox : reference + mailbox;
        } else {
            joined = reference + mailbox;
        }
        joined = Mailboxes.normaliseInbox(joined);
        if (joined.length() >= 5 && joined.regionMatches(true, 0, "INBOX", 0, 5)
                && (joined.length() == 5 || joined.charAt(5) == '/' || joined.charAt(5) == '%'
                || joined.charAt(5) == '*')) {
            joined = "INBOX" + joined.substring(5);
        }
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : joined.toCharArray()) {
            if (c == '*' || c == '%') {
                re.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                re.append(c == '*' ? ".*" : "[^/]*");
            } else {
                literal.append(c);
            }
        }
        re.append(Pattern.quote(literal.toString()));
        return new MailboxPattern(Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    boolean matches(String name) {
        return regex.matcher(name).matches();
    }
}
