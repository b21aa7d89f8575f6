package org.mailstack.main.account;

import org.mailstack.core.account.AccountName;

/**
 * The account label and the user-name rule (core's {@link AccountName}: one DNS label, reserved names refused).
 * The directory takes service names from Docker itself, so only these two are needed here.
 */
public final class AccountNames {
    /** The service label that makes a swarm service an account. */
    public static final String LABEL = "org.mailstack.account";

    private AccountNames() {
    }

    /** Whether {@code user} can name an account at all (checked before asking Docker). */
    public static boolean isValidUser(String user) {
        return AccountName.isValid(user);
    }
}
