package org.mailstack.webmail.mail;

import org.mailstack.webmail.MailEndpoint;

/** Signs a user in to their own IMAP server and hands back their {@link Mailbox}. */
public interface MailConnector {

    /**
     * Connects and logs in as {@code address} with {@code password}.
     *
     * @param password the password; the caller clears its array afterwards, the mailbox keeps its own copy until
     *                 {@link Mailbox#close()}
     * @throws AuthenticationFailedException when the server refuses the credentials
     * @throws MailException                 when the server cannot be reached
     */
    Mailbox open(String address, char[] password, MailEndpoint imap, MailEndpoint submission);
}
