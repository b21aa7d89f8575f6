package org.mailstack.main.webmail;

import java.io.IOException;
import java.util.Optional;

import javax.net.ssl.SSLSocketFactory;

import org.mailstack.core.account.AccountName;
import org.mailstack.main.account.Account;
import org.mailstack.main.account.AccountDirectory;
import org.mailstack.main.account.DirectoryUnavailableException;
import org.mailstack.main.delivery.RelayKeyFile;
import org.mailstack.webmail.mail.MailEndpoint;
import org.mailstack.webmail.mail.MailEndpoint.Security;
import org.mailstack.webmail.mail.MailException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the webmail connects for a signed-in account.
 *
 * <p>IMAP goes straight to the account's container on the overlay ({@code serviceName:userImap}, STARTTLS,
 * RFC 3501 section 6.2.1), with the proof from the account's relay secret that lets the webmail tell the container
 * the browser's address (ADR 18), so the container's login limits count the browser, not this process. Submission
 * goes to this process's own submission listener on 127.0.0.1 (STARTTLS, RFC 3207), so outgoing webmail mail takes
 * exactly the path of any other client's.
 *
 * <p>Both connections trust any certificate, as the IMAP proxy does: the overlay network is internal to the swarm
 * and the user containers serve self-signed pairs, and the submission hop never leaves the loopback interface.
 *
 * <p>An account that does not exist has no route: the webmail fails the sign-in exactly as for a wrong password, and
 * counts the failure for the browser. A directory (or relay key) that cannot answer now is a {@link MailException}:
 * the webmail says the mailbox is not reachable and counts nothing.
 */
public final class WebmailRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(WebmailRoutes.class);
    private static final String LOOPBACK = "127.0.0.1";
    private final AccountDirectory accounts;
    private final int userImapPort;
    private final int localSubmissionPort;
    private final SSLSocketFactory trust;
    private final RelayKeyFile relayKey;

    /**
     * @param userImapPort        the IMAP (STARTTLS) port of every account container
     * @param localSubmissionPort this process's submission listener (STARTTLS)
     * @param trust               socket factory for both hops (see the class comment for why it verifies nothing)
     * @param relayKey            the stack's relay key, from which each account's proof is derived
     */
    public WebmailRoutes(AccountDirectory accounts, int userImapPort, int localSubmissionPort, SSLSocketFactory trust,
                         RelayKeyFile relayKey) {
        this.accounts = accounts;
        this.userImapPort = userImapPort;
        this.localSubmissionPort = localSubmissionPort;
        this.trust = trust;
        this.relayKey = relayKey;
    }

    /** The IMAP endpoint of {@code account}; empty when there is no such account. */
    public Optional<MailEndpoint> imap(AccountName account) {
        Optional<Account> found;
        try {
            found = accounts.find(account.value());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new MailEndpoint(found.get().serviceName(), userImapPort, Security.STARTTLS, trust,
                    false, relayKey.originProof(found.get().user())));
        } catch (DirectoryUnavailableException | IOException e) {
            LOG.warn("webmail: no route to {} now: {}", account.value(), e.getMessage());
            throw new MailException("the account directory or the relay key cannot be read now", e);
        }
    }

    /** The submission endpoint, the same for every account. */
    public MailEndpoint submission(AccountName account) {
        return new MailEndpoint(LOOPBACK, localSubmissionPort, Security.STARTTLS, trust, false);
    }
}
