package org.mailstack.user.smtp;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.mailstack.core.account.InvalidAddressException;
import org.mailstack.core.account.MailAddress;

/**
 * The addresses this container accepts mail for: {@code box@<user>.<domain>} and the configured aliases. Compared
 * case-insensitively (RFC 5321 section 2.4 lets the receiving host decide for the local part; one account has no
 * use for case distinctions).
 */
public final class AccountAddresses {
    private final String primary;
    private final Set<String> all;

    public AccountAddresses(String primary, Set<String> aliases) {
        if (!isMailbox(primary)) {
            throw new IllegalArgumentException("not a mailbox address: " + primary);
        }
        this.primary = primary.toLowerCase(Locale.ROOT);
        Set<String> set = new LinkedHashSet<>();
        set.add(this.primary);
        for (String alias : aliases) {
            if (!isMailbox(alias)) {
                throw new IllegalArgumentException("alias is not a mailbox address: " + alias);
            }
            set.add(alias.toLowerCase(Locale.ROOT));
        }
        this.all = Set.copyOf(set);
    }

    /** {@code box@<user>.<domain>}, lower case. */
    public String primary() {
        return primary;
    }

    /** The primary address and the aliases, lower case. */
    public Set<String> all() {
        return all;
    }

    /** Whether mail to {@code address} belongs to this account. */
    public boolean accepts(String address) {
        return address != null && all.contains(address.toLowerCase(Locale.ROOT));
    }

    /** Syntax check for a forward-path or non-null reverse-path ({@link MailAddress#parse} rules). */
    public static boolean isMailbox(String address) {
        if (address == null || address.startsWith("<")) {
            return false;
        }
        try {
            MailAddress.parse(address);
            return true;
        } catch (InvalidAddressException e) {
            return false;
        }
    }

    /**
     * Syntax check for MAIL FROM: empty (the null reverse-path of bounces) or something with an {@code @} and no
     * spaces, brackets or control characters. Lenient on purpose: the relay has already accepted the message from
     * the Internet, and refusing an odd but harmless sender here would only turn it into a bounce.
     */
    public static boolean isReversePath(String address) {
        if (address == null || address.length() > 256) {
            return false;
        }
        if (address.isEmpty()) {
            return true;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '<' || c == '>') {
                return false;
            }
        }
        int at = address.lastIndexOf('@');
        return at > 0 && at < address.length() - 1;
    }
}
