package org.mailstack.main.webmail;

import java.util.Optional;

import javax.net.ssl.SSLSocketFactory;

import org.mailstack.core.account.AccountName;
import org.mailstack.main.account.Account;
import org.mailstack.main.account.AccountDirectory;
import org.mailstack.main.account.DirectoryUnavailableException;
import org.mailstack.webmail.MailEndpoint;
import org.mailstack.webmail.MailEndpoint.Security;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the webmail connects for a signed-in account.
 *
 * <p>IMAP goes straight to the account's container on the overlay ({@code serviceName:userImap}, STARTTLS,
 * RFC 3501 section 6.2.1). Submission goes to this process's own submission listener on 127.0.0.1 (STARTTLS,
 * RFC 3207), so outgoing webmail mail takes exactly the path of any other client's.
 *
 * <p>Both connections trust any certificate, as the IMAP proxy does: the overlay network is internal to the swarm
 * and the user containers serve self-signed pairs, and the submission hop never leaves the loopback interface.
 *
 * <p>An account that does not exist (or a directory that cannot answer) is routed to this process's own IMAP
 * proxy, which refuses the login exactly as it refuses a wrong password: sign-in fails the same way for an unknown
 * account and for a wrong password, so the webmail is no oracle for which accounts exist.
 */
public final class WebmailRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(WebmailRoutes.class);
    private static final String LOOPBACK = "127.0.0.1";
    private final AccountDirectory accounts;
    private final int userImapPort;
    private final int localImapPort;
    private final int localSubmissionPort;
    private final SSLSocketFactory trust;

    /**
     * @param userImapPort        the IMAP (STARTTLS) port of every account container
     * @param localImapPort       this process's IMAP proxy (STARTTLS), the sink for unknown accounts
     * @param localSubmissionPort this process's submission listener (STARTTLS)
     * @param trust               socket factory for both hops (see the class comment for why it verifies nothing)
     */
    public WebmailRoutes(AccountDirectory accounts, int userImapPort, int localImapPort, int localSubmissionPort,
                         SSLSocketFactory trust) {
        this.accounts = accounts;
        this.userImapPort = userImapPort;
        this.localImapPort = localImapPort;
        this.localSubmissionPort = localSubmissionPort;
        this.trust = trust;
    }

    /** The IMAP endpoint of {@code account}. */
    public MailEndpoint imap(AccountName account) {
        return container(account)
                .map(a -> new MailEndpoint(a.serviceName(), userImapPort, Security.STARTTLS, trust, false))
                .orElseGet(() -> new MailEndpoint(LOOPBACK, localImapPort, Security.STARTTLS, trust, false));
    }

    /** The submission endpoint, the same for every account. */
    public MailEndpoint submission(AccountName account) {
        return new MailEndpoint(LOOPBACK, localSubmissionPort, Security.STARTTLS, trust, false);
    }

    private Optional<Account> container(AccountName account) {
        try {
            return accounts.find(account.value());
        } catch (DirectoryUnavailableException e) {
            LOG.warn("webmail: account directory unavailable: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
