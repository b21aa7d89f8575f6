package org.mailstack.main.submission;

import java.io.IOException;
import java.net.InetSocketAddress;

import org.mailstack.main.account.Account;

/** Checks an account's password somewhere else: the main container keeps no password store. */
public interface CredentialCheck {

    /**
     * @param account the account, whose container answers
     * @param client  the submission client, for whom the check is made (its container counts the login under it)
     * @return whether {@code login}/{@code password} is accepted
     * @throws IOException when the answer cannot be had now (container down, or it refuses to check for now): a
     *                     temporary failure
     */
    boolean check(Account account, String login, String password, InetSocketAddress client) throws IOException;
}
