package org.mailstack.user.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The relay's shared secret: the main container's queue authenticates with {@code AUTH PLAIN} as user
 * {@value #RELAY_USER} and this secret (ADR 0002). Compared in constant time; never logged.
 */
public final class RelayCredentials {
    /** The only SMTP user name the receiver accepts. */
    public static final String RELAY_USER = "relay";

    private final byte[] secret;

    public RelayCredentials(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("relay secret must have at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the login is the relay's. */
    public boolean check(String user, String password) {
        if (password == null) {
            return false;
        }
        boolean secretOk = MessageDigest.isEqual(secret, password.getBytes(StandardCharsets.UTF_8));
        return RELAY_USER.equals(user) & secretOk;
    }

    @Override
    public String toString() {
        return "RelayCredentials[secret hidden]";
    }
}
