package org.mailstack.webmail.mail;

import java.net.InetSocketAddress;

/** Signs a user in to their own IMAP server and hands back their {@link Mailbox}. */
public interface MailConnector {

    /**
     * Connects and logs in as {@code address} with {@code password}, for the browser at {@code client}.
     *
     * @param password the password; the caller clears its array afterwards, the mailbox keeps its own copy until
     *                 {@link Mailbox#close()}
     * @param client   the browser's address and port, which an IMAP endpoint with an origin proof is told of (every
     *                 time the mailbox connects); null when unknown
     * @throws AuthenticationFailedException when the server refuses the credentials
     * @throws MailException                 when the server cannot be reached
     */
    Mailbox open(String address, char[] password, InetSocketAddress client, MailEndpoint imap,
                 MailEndpoint submission);
}
