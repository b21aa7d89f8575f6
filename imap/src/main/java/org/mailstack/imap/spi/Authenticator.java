package org.mailstack.imap.spi;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks credentials for LOGIN and AUTHENTICATE PLAIN; supplied by the application (the user container checks its
 * password hash). Returns the account whose store the session may open, or empty when the credentials are wrong.
 * Called off the network threads; may block.
 */
@FunctionalInterface
public interface Authenticator {
    /**
     * @param remote the client's address: the one a trusted relay reported (ADR 18), else the connection's peer
     */
    Optional<String> authenticate(String user, String password, InetAddress remote);

    /**
     * The account a login name counts under for the login limits, so that every spelling of one account shares its
     * failures. By default the name in lower case.
     */
    default String accountOf(String user) {
        return user == null ? "" : user.toLowerCase(Locale.ROOT);
    }
}
