package org.mailstack.core.account;

import java.util.Objects;
import java.util.Set;

/**
 * An account name: one DNS label (RFC 1035 section 2.3.1, lowercase), since it becomes the first label of the
 * account's mail domain ({@code box@<name>.<domain>}) and part of its swarm service name.
 *
 * <p>Rules, checked in this order: not empty; at most 63 characters; only {@code a-z 0-9 -}; no leading or trailing
 * {@code -}; not one of {@link #RESERVED} (names of the system's own hosts and role mailboxes, RFC 2142).
 */
public record AccountName(String value) {

    /** Names that would collide with the system's own host names or role addresses. */
    public static final Set<String> RESERVED = Set.of(
            "www", "mail", "imap", "imaps", "smtp", "smtps", "submission", "pop", "pop3", "pop3s", "postmaster",
            "abuse", "hostmaster", "webmaster", "admin", "administrator", "root", "mx", "autoconfig", "autodiscover",
            "main", "relay", "mta-sts", "dmarc", "dkim", "spf", "noc", "security", "support", "info", "localhost",
            "ns", "ns1", "ns2", "ftp", "webmail", "metrics", "api", "mailer-daemon", "nobody", "system");

    public AccountName {
        Objects.requireNonNull(value, "value");
        InvalidAccountNameException.Rule broken = check(value);
        if (broken != null) {
            throw new InvalidAccountNameException(broken);
        }
    }

    /**
     * Validates a name exactly as given (no case folding: {@code Alice} is refused, so a typo is never silently
     * turned into another account).
     *
     * @throws InvalidAccountNameException naming the broken rule
     */
    public static AccountName of(String value) {
        return new AccountName(value);
    }

    /** The first rule {@code value} breaks, or null if it is a valid name. */
    static InvalidAccountNameException.Rule check(String value) {
        if (value.isEmpty()) {
            return InvalidAccountNameException.Rule.EMPTY;
        }
        if (value.length() > 63) {
            return InvalidAccountNameException.Rule.TOO_LONG;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return InvalidAccountNameException.Rule.CHARACTERS;
            }
        }
        if (value.startsWith("-") || value.endsWith("-")) {
            return InvalidAccountNameException.Rule.HYPHEN_AT_END;
        }
        if (RESERVED.contains(value)) {
            return InvalidAccountNameException.Rule.RESERVED;
        }
        return null;
    }

    /** True if {@link #of} would accept {@code value}. */
    public static boolean isValid(String value) {
        return value != null && check(value) == null;
    }

    @Override
    public String toString() {
        return value;
    }
}
