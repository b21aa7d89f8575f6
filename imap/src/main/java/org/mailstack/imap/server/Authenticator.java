package org.mailstack.imap.server;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Checks credentials for LOGIN and AUTHENTICATE PLAIN; supplied by the application (the user container checks its
 * password hash). Returns the account whose store the session may open, or empty when the credentials are wrong.
 * Called off the network threads; may block.
 */
@FunctionalInterface
public interface Authenticator {
    Optional<String> authenticate(String user, String password, InetAddress remote);
}
