package org.mailstack.mailctl.account;

import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.AccountNames;
import org.mailstack.core.account.InvalidAccountNameException;
import org.mailstack.core.text.SafeText;
import org.mailstack.mailctl.MailctlException;

/** Core's account-name rules and service name, with a refused name turned into a usage error (exit 2). */
public final class AccountNaming {
    private AccountNaming() {}

    /**
     * @throws MailctlException with {@link org.mailstack.mailctl.ExitCode#USAGE} naming the rule broken
     */
    public static AccountName validate(String user) {
        try {
            return AccountName.of(user == null ? "" : user);
        } catch (InvalidAccountNameException e) {
            throw MailctlException.usage("'" + printable(user == null ? "" : user) + "' is not a valid account name: "
                    + e.rule().text() + (e.rule() == InvalidAccountNameException.Rule.RESERVED
                    ? "; choose another" : ""));
        }
    }

    /** The swarm service (and DNS name on the mail network) of a valid account name. */
    public static String serviceName(AccountName user) {
        return AccountNames.serviceName(user);
    }

    /** Keeps control characters out of messages and logs: at most 80 characters (core's {@link SafeText#logLine}). */
    public static String printable(String s) {
        return SafeText.logLine(s, 80);
    }
}
