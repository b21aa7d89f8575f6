package org.mailstack.main.submission;

import java.io.IOException;

/** Checks an account's password somewhere else: the main container keeps no password store. */
public interface CredentialCheck {

    /**
     * @param host the account container's service name on the overlay
     * @return whether {@code login}/{@code password} is accepted
     * @throws IOException when the answer cannot be had now (container down): a temporary failure
     */
    boolean check(String host, String login, String password) throws IOException;
}
