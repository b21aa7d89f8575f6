package org.mailstack.mailctl.account;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.util.Arrays;
import org.mailstack.mailctl.MailctlException;

/** Turns a password into the bcrypt hash the user container checks; the password itself is never stored. */
public final class PasswordHasher {
    /** About 50–100 ms on a small amd64 machine; slower, but still fine, on a Raspberry Pi. */
    static final int COST = 10;
    static final int MIN_LENGTH = 8;

    private PasswordHasher() {}

    /** Hashes and wipes the password. */
    public static byte[] hash(char[] password) {
        try {
            if (password.length < MIN_LENGTH) {
                throw MailctlException.usage("the password must have at least " + MIN_LENGTH + " characters");
            }
            if (password.length > 72) {
                throw MailctlException.usage("the password must have at most 72 characters (bcrypt's limit)");
            }
            return BCrypt.withDefaults().hash(COST, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
