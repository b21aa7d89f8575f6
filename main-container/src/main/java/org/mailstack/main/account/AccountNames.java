package org.mailstack.main.account;

import java.util.regex.Pattern;

/**
 * The label and user-name rules shared with {@code mailctl}. A small local stand-in until {@code core} exposes its
 * {@code AccountNames}; the directory takes service names from Docker itself, so only the label key and the name
 * syntax are needed here.
 */
public final class AccountNames {
    /** The service label that makes a swarm service an account. */
    public static final String LABEL = "org.mailstack.account";
    /** A user name is one lower-case DNS label, because it is the first label of the account's domain. */
    private static final Pattern USER = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private AccountNames() {
    }

    /** Whether {@code user} can name an account at all (checked before asking Docker). */
    public static boolean isValidUser(String user) {
        return user != null && USER.matcher(user).matches();
    }
}
