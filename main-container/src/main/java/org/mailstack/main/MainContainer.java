package org.mailstack.main;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.mailstack.main.account.AccountDirectory;
import org.mailstack.main.account.CachingAccountDirectory;
import org.mailstack.main.account.DockerAccountDirectory;
import org.mailstack.main.address.AddressRules;
import org.mailstack.main.config.Config;
import org.mailstack.main.delivery.LocalTransport;
import org.mailstack.main.delivery.RelaySecret;
import org.mailstack.main.limits.RateLimiter;
import org.mailstack.main.metrics.Metrics;
import org.mailstack.main.queue.Backoff;
import org.mailstack.main.queue.DeliveryQueue;
import org.mailstack.main.queue.Dsn;
import org.mailstack.main.queue.Reply;
import org.mailstack.main.queue.Spool;
import org.mailstack.main.queue.Transport;
import org.mailstack.main.smtp.Inbound;
import org.mailstack.main.smtp.MxServers;
import org.mailstack.main.smtp.SmtpListener;
import org.mailstack.main.tls.ClientTls;
import org.mailstack.main.tls.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sun.misc.Signal;

/**
 * The main container's process. Starts every part from the environment's {@link Config} and stops them in reverse
 * order on SIGTERM (tini forwards it), then exits 0. SIGUSR1 re-reads the TLS pair.
 */
public final class MainContainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MainContainer.class);
    private final Config config;
    private final AccountDirectory accounts;
    private final Metrics metrics = new Metrics();
    private final List<AutoCloseable> started = new ArrayList<>();
    private ServerTls tls;
    private SmtpListener mx;

    /** {@code accounts}: the account directory (Docker in production, a fixed one in tests). */
    public MainContainer(Config config, AccountDirectory accounts) {
        this.config = config;
        this.accounts = new CachingAccountDirectory(accounts, config.accountCacheTtl(), Clock.systemUTC());
    }

    /** Starts everything; on failure stops what already started and rethrows. */
    public MainContainer start() throws IOException {
        try {
            tls = new ServerTls(config.paths().tls(), config.paths().state(), config.hostname());
            metrics.gauge("mailstack_tls_certificate_expiry_timestamp_seconds",
                    "Not-after time of the serving certificate, Unix seconds",
                    () -> tls.notAfter().getEpochSecond());
            AddressRules rules = new AddressRules(config.domain());
            DeliveryQueue queue = queue(rules);
            started.add(queue);
            queue.start(config.queue().workers());
            Inbound inbound = new Inbound(rules, accounts, queue,
                    new RateLimiter(config.limits().messagesPerMinutePerClient(), Duration.ofMinutes(1),
                            Clock.systemUTC()),
                    config.limits().maxMessageBytes(), config.limits().maxRecipients(), metrics, Clock.systemUTC());
            mx = MxServers.mx(config, inbound, tls.context()).start();
            started.add(mx);
            LOG.info("main container for {} ready as {}", config.domain(), config.hostname());
            return this;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException("startup failed: " + e.getMessage(), e);
        }
    }

    private DeliveryQueue queue(AddressRules rules) throws IOException {
        Spool spool = Spool.open(config.paths().spool());
        Transport local = new LocalTransport(accounts, config.ports().userSmtp(),
                new RelaySecret(config.paths().relaySecret()), config.hostname(), Optional.of(ClientTls.unverified()));
        Transport remote = (e, m) -> Map.of();
        return new DeliveryQueue(spool, Map.of("local", local, "remote", remote),
                new Backoff(config.queue().retryInitial(), config.queue().retryMax()), config.queue().expiry(),
                new Dsn(config.hostname()), rules, metrics, Clock.systemUTC());
    }

    /** The MX's bound port. */
    public int smtpPort() {
        return mx.port();
    }

    /** Re-reads the TLS pair (SIGUSR1). */
    public void reloadTls() {
        try {
            tls.reload();
        } catch (IOException | GeneralSecurityException e) {
            LOG.warn("TLS reload failed, keeping the current certificate: {}", e.toString());
        }
    }

    public Metrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}", started.get(i), e);
            }
        }
        started.clear();
    }

    public static void main(String[] args) throws InterruptedException {
        Config config;
        try {
            config = Config.fromEnvironment();
        } catch (IllegalArgumentException e) {
            LOG.error("bad configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        MainContainer app;
        try {
            app = new MainContainer(config, DockerAccountDirectory.connect(config.dockerHost())).start();
        } catch (IOException e) {
            LOG.error("cannot start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        CountDownLatch term = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> term.countDown());
        Signal.handle(new Signal("INT"), s -> term.countDown());
        Signal.handle(new Signal("USR1"), s -> app.reloadTls());
        term.await();
        LOG.info("SIGTERM: stopping");
        app.close();
        System.exit(0);
    }
}
