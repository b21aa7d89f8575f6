package org.mailstack.webmail.mail.adapter;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.net.InetSocketAddress;
import org.mailstack.webmail.mail.MailEndpoint;
import org.mailstack.webmail.mail.AuthenticationFailedException;
import org.mailstack.webmail.mail.MailConnector;
import org.mailstack.webmail.mail.MailException;
import org.mailstack.webmail.mail.Mailbox;

/**
 * Opens an IMAP store with the user's own credentials (RFC 3501 §6.2.3 LOGIN, or AUTHENTICATE PLAIN), first telling
 * the server the browser's address when the endpoint trusts this process to ({@link VouchingImapStore}).
 */
public final class JakartaMailConnector implements MailConnector {

    @Override
    public Mailbox open(String address, char[] password, InetSocketAddress client, MailEndpoint imap,
                        MailEndpoint submission) {
        Credentials credentials = new Credentials(address, password, client);
        try {
            Store store = connect(credentials, imap);
            return new ImapMailbox(credentials, imap, submission, store);
        } catch (RuntimeException e) {
            credentials.clear();
            throw e;
        }
    }

    static Store connect(Credentials credentials, MailEndpoint imap) {
        Session session = Session.getInstance(MailProperties.forEndpoint("imap", imap));
        try {
            String protocol = MailProperties.protocol("imap", imap);
            Store store = imap.originProof() == null || credentials.client() == null ? session.getStore(protocol)
                    : new VouchingImapStore(session, protocol, imap.originProof(), credentials.client());
            store.connect(imap.host(), imap.port(), credentials.user(), credentials.passwordString());
            return store;
        } catch (jakarta.mail.AuthenticationFailedException e) {
            throw new AuthenticationFailedException(e);
        } catch (MessagingException e) {
            throw new MailException("the mailbox is not reachable", e);
        }
    }
}
