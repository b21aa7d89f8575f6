package org.mailstack.main.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSocketFactory;

import org.mailstack.main.account.Account;
import org.mailstack.main.account.AccountDirectory;
import org.mailstack.main.account.DirectoryUnavailableException;
import org.mailstack.main.address.NextHop;
import org.mailstack.main.queue.Envelope;
import org.mailstack.main.queue.Reply;
import org.mailstack.main.queue.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to a user container: its service name resolves on the overlay network (dnsrr) to the running task; the
 * relay uses STARTTLS when offered and authenticates as {@value #USER} with the account's own secret, derived from the
 * relay key (ADR 2). The container answers 250 only once the
 * message is fsync'd in its Maildir, so the queue may delete its copy on that 250.
 */
public final class LocalTransport implements Transport<NextHop.Local> {
    private static final Logger LOG = LoggerFactory.getLogger(LocalTransport.class);
    private final AccountDirectory accounts;
    private final int port;
    /** The AUTH user name the relay uses towards user containers, and the only one they accept. */
    public static final String USER = "relay";
    private final RelayKeyFile relayKey;
    private final SmtpDelivery smtp;
    private final Optional<SSLSocketFactory> tls;

    /** How long an authenticated session to a user container is kept open without a message. */
    static final long MAX_IDLE_MILLIS = 20_000;

    /**
     * @param tls the client TLS factory used towards user containers; they present the stack's self-signed pair, so
     *            this factory does not verify it (the account's secret, not the certificate, is what authenticates)
     * @param sessionsPerAccount how many open sessions to one account's container are kept for reuse: the number of
     *            queue workers, so that every worker delivering to it keeps its own and none handshakes again
     */
    public LocalTransport(AccountDirectory accounts, int port, RelayKeyFile relayKey, String heloName,
                          Optional<SSLSocketFactory> tls, int sessionsPerAccount) {
        this.accounts = accounts;
        this.port = port;
        this.relayKey = relayKey;
        this.smtp = new SmtpDelivery(heloName, Duration.ofSeconds(60),
                new IdleConnections(MAX_IDLE_MILLIS, sessionsPerAccount));
        this.tls = tls;
    }

    @Override
    public Map<String, Reply> deliver(NextHop.Local to, Envelope e, MessageSource message) {
        Optional<Account> account;
        try {
            account = accounts.find(to.account().value());
        } catch (DirectoryUnavailableException x) {
            return SmtpDelivery.all(e.recipients(), Reply.temporary("account directory unavailable"));
        }
        if (account.isEmpty()) {
            return SmtpDelivery.all(e.recipients(), new Reply(550, "5.1.1 Account no longer exists"));
        }
        String password;
        try {
            password = relayKey.read().forAccount(to.account());
        } catch (IOException x) {
            LOG.error("relay key unreadable: {}", x.toString());
            return SmtpDelivery.all(e.recipients(), Reply.temporary("relay key unavailable"));
        }
        String host = account.get().serviceName();
        try {
            return smtp.send(new SmtpDelivery.Hop(new InetSocketAddress(host, port),
                    SmtpDelivery.Security.OPPORTUNISTIC, tls,
                    Optional.of(new SmtpDelivery.Credentials(USER, password))), e, new byte[0], message).replies();
        } catch (IOException x) {
            LOG.info("user container {} unreachable: {}", host, x.toString());
            return SmtpDelivery.all(e.recipients(), Reply.temporary("user container unreachable"));
        }
    }
}
