package org.mailstack.webmail.mail.adapter;

import java.util.Arrays;

/**
 * A user's credentials, held in memory for the life of one web session only: never logged, never persisted, cleared
 * on sign-out or expiry. Jakarta Mail's API takes a {@code String}, so short-lived copies exist while connecting.
 */
final class Credentials {
    private final String user;
    private final char[] password;

    Credentials(String user, char[] password) {
        this.user = user;
        this.password = password.clone();
    }

    String user() {
        return user;
    }

    synchronized String passwordString() {
        return new String(password);
    }

    synchronized void clear() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "Credentials[" + user + ", password hidden]";
    }
}
