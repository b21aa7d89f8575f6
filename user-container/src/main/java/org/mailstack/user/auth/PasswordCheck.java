package org.mailstack.user.auth;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import at.favre.lib.crypto.bcrypt.BCrypt;

/**
 * Checks an IMAP login against the account's bcrypt hash (from the {@code password_hash} secret).
 *
 * <p>The account is known under its full address {@code box@<user>.<domain>} and its bare user name; both compare
 * case-insensitively. The hash is verified even for an unknown name, so the answer time does not reveal names.
 */
public final class PasswordCheck {
    private final Set<String> loginNames;
    private final byte[] hash;
    private final byte[] dummyHash;

    /**
     * @param loginNames accepted user names, lower case
     * @param bcryptHash the modular-crypt bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$})
     */
    public PasswordCheck(Set<String> loginNames, String bcryptHash) {
        if (!bcryptHash.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
            throw new IllegalArgumentException("password hash is not a bcrypt hash");
        }
        this.loginNames = Set.copyOf(loginNames);
        this.hash = bcryptHash.getBytes(StandardCharsets.US_ASCII);
        int cost = Integer.parseInt(bcryptHash.substring(4, 6));
        this.dummyHash = BCrypt.withDefaults().hash(cost, "not the password".toCharArray());
    }

    /** Whether {@code user} names this account and {@code password} matches its hash. */
    public boolean check(String user, char[] password) {
        boolean known = user != null && loginNames.contains(user.toLowerCase(Locale.ROOT));
        BCrypt.Result result = BCrypt.verifyer().verify(password, known ? hash : dummyHash);
        return known && result.verified;
    }
}
