package org.mailstack.main.smtp;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.mailstack.main.address.AddressRules;

/**
 * Who authenticated on a submission port: an account ({@code box@<user>.<domain>}, password checked by its
 * container). There is no identity above the accounts: no login may send as another account (ADR 2).
 *
 * @param user the account name
 */
public record SubmissionIdentity(String user) {

    public SubmissionIdentity {
        Objects.requireNonNull(user, "user");
    }

    /**
     * Whether this identity may use {@code sender} as reverse path: only the account's own address. The null sender
     * is the system's own, for its delivery reports (RFC 5321 section 4.5.5); an authenticated user never needs it,
     * and with it mail would leave that no one can be held to.
     */
    public boolean maySendAs(String sender, AddressRules rules) {
        return sender.toLowerCase(Locale.ROOT).equals(rules.addressOf(user));
    }

    /**
     * Whether a message whose {@code From} fields name {@code addresses} may leave as this account: each must be the
     * account's own address. A message without {@code From} is let through as submission servers do (RFC 6409
     * section 8); it cannot claim anyone.
     */
    public boolean mayUseFrom(List<String> addresses, AddressRules rules) {
        String own = rules.addressOf(user);
        return addresses.stream().allMatch(own::equals);
    }

    @Override
    public String toString() {
        return user;
    }
}
