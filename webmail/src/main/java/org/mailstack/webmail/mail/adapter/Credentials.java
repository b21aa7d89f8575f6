package org.mailstack.webmail.mail.adapter;

import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * A user's credentials, held in memory for the life of one web session only: never logged, never persisted, cleared
 * on sign-out or expiry. Jakarta Mail's API takes a {@code String}, so short-lived copies exist while connecting.
 * With them the browser's address that signed in, which the IMAP server is told of at every connection (ADR 18).
 */
final class Credentials {
    private final String user;
    private final char[] password;
    private final InetSocketAddress client;

    Credentials(String user, char[] password, InetSocketAddress client) {
        this.user = user;
        this.password = password.clone();
        this.client = client;
    }

    String user() {
        return user;
    }

    /** The browser's address and port, or null. */
    InetSocketAddress client() {
        return client;
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
