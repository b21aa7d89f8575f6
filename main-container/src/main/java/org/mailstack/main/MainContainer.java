package org.mailstack.main;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Security;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.mailstack.core.auth.LoginLimiter;
import org.mailstack.main.account.AccountDirectory;
import org.mailstack.main.account.CachingAccountDirectory;
import org.mailstack.main.account.DirectoryGate;
import org.mailstack.main.account.DockerAccountDirectory;
import org.mailstack.main.address.AddressRules;
import org.mailstack.main.config.Config;
import org.mailstack.main.delivery.DkimKeys;
import org.mailstack.main.delivery.DkimSigner;
import org.mailstack.main.delivery.LocalTransport;
import org.mailstack.main.delivery.MxResolver;
import org.mailstack.main.delivery.RelayKeyFile;
import org.mailstack.main.delivery.RemoteTransport;
import org.mailstack.main.delivery.Smarthost;
import org.mailstack.main.filter.LearnEndpoint;
import org.mailstack.main.filter.RspamdController;
import org.mailstack.main.filter.SpamFilter;
import org.mailstack.main.limits.RateLimiter;
import org.mailstack.main.metrics.AdminServer;
import org.mailstack.main.metrics.Metrics;
import org.mailstack.main.proxy.ImapProxy;
import org.mailstack.main.queue.Backoff;
import org.mailstack.main.queue.DeliveryQueue;
import org.mailstack.main.queue.Dsn;
import org.mailstack.main.queue.ReachabilityProbe;
import org.mailstack.main.queue.Spool;
import org.mailstack.main.smtp.Inbound;
import org.mailstack.main.smtp.SmtpListener;
import org.mailstack.main.smtp.SmtpServers;
import org.mailstack.main.submission.CredentialCheck;
import org.mailstack.main.submission.ImapCredentialCheck;
import org.mailstack.main.submission.SubmissionAuthentication;
import org.mailstack.main.submission.SubmissionLogin;
import org.mailstack.main.tls.ClientTls;
import org.mailstack.main.tls.ServerTls;
import org.mailstack.main.webmail.WebmailRoutes;
import org.mailstack.webmail.Webmail;
import org.mailstack.webmail.WebmailConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sun.misc.Signal;

/**
 * The main container's process. Starts every part from the environment's {@link Config} and stops them in reverse
 * order on SIGTERM (tini forwards it), then exits 0. SIGUSR1 re-reads the TLS pair.
 */
public final class MainContainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MainContainer.class);
    /** The bound of one lesson at rspamd's controller: a large message takes longer to learn than to check. */
    private static final Duration LEARN_TIMEOUT = Duration.ofSeconds(30);
    private final Config config;
    private final AccountDirectory accounts;
    private final Metrics metrics = new Metrics();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final RelayKeyFile relayKey;
    private final CredentialCheck credentials;
    private final LoginLimiter logins;
    private ServerTls tls;
    private SmtpListener mx;
    private SmtpListener submission;
    private SmtpListener submissions;
    private ImapProxy imap;
    private ImapProxy imaps;
    private AdminServer admin;
    private LearnEndpoint learn;
    private Webmail webmail;

    /** Production wiring: passwords are checked by IMAP LOGIN at the account's container. */
    public MainContainer(Config config, AccountDirectory accounts) {
        this(config, accounts, new ImapCredentialCheck(config.ports().userImap(), ClientTls.unverified(), 15_000,
                new RelayKeyFile(config.paths().relayKey())), LoginLimiter.withDefaults());
    }

    /** With the default login limits. */
    public MainContainer(Config config, AccountDirectory accounts, CredentialCheck credentials) {
        this(config, accounts, credentials, LoginLimiter.withDefaults());
    }

    /**
     * @param accounts    the account directory (Docker in production, a fixed one in tests)
     * @param credentials where submission passwords are checked
     * @param logins      the login limits every entry point shares: IMAP, submission and webmail (ADR 18)
     */
    public MainContainer(Config config, AccountDirectory accounts, CredentialCheck credentials, LoginLimiter logins) {
        this.config = config;
        this.credentials = credentials;
        this.logins = logins;
        this.accounts = new CachingAccountDirectory(accounts, config.accountCacheTtl(), Clock.systemUTC());
        this.relayKey = new RelayKeyFile(config.paths().relayKey());
    }

    /** Starts everything; on failure stops what already started and rethrows. */
    public MainContainer start() throws IOException {
        try {
            tls = new ServerTls(config.paths().tls(), config.paths().state(), config.hostname());
            metrics.gauge("mailstack_tls_certificate_expiry_timestamp_seconds",
                    "Not-after time of the serving certificate, Unix seconds",
                    () -> tls.notAfter().getEpochSecond());
            AddressRules rules = new AddressRules(config.domain(), config.postmaster());
            logPostmaster();
            DeliveryQueue queue = queue(rules);
            started.add(queue);
            queue.start(config.queue().workers());
            Inbound inbound = new Inbound(rules, accounts, queue,
                    new RateLimiter(config.limits().messagesPerMinutePerClient(), Duration.ofMinutes(1),
                            Clock.systemUTC()),
                    config.limits().maxMessageBytes(), config.limits().maxRecipients(), metrics, Clock.systemUTC(),
                    SpamFilter.of(config.spam(), config.hostname(), metrics));
            mx = SmtpServers.mx(config, inbound, tls.context()).start();
            started.add(mx);
            SubmissionLogin submissionLogins = new SubmissionLogin(rules, accounts, credentials);
            submission = SmtpServers.submission(config, inbound, tls.context(),
                    new SubmissionAuthentication(submissionLogins, logins, metrics, "submission")).start();
            started.add(submission);
            submissions = SmtpServers.submissions(config, inbound, tls.context(),
                    new SubmissionAuthentication(submissionLogins, logins, metrics, "submissions")).start();
            started.add(submissions);
            imap = proxy(config.ports().imap(), false, rules);
            started.add(imap);
            imaps = proxy(config.ports().imaps(), true, rules);
            started.add(imaps);
            if (config.ports().webmail() != Config.Ports.OFF) {
                webmail = webmail();
                started.add(webmail);
            }
            admin = AdminServer.start(config.ports().admin(), metrics);
            started.add(admin);
            Config.Spam.Learn learn = config.spam().learn();
            if (learn.port() != Config.Ports.OFF) {
                this.learn = LearnEndpoint.start(learn.port(), new RspamdController(learn.controller(),
                                learn.passwordFile(), LEARN_TIMEOUT), relayKey, config.limits().maxMessageBytes(),
                        new RateLimiter(learn.perMinute(), Duration.ofMinutes(1), Clock.systemUTC()), metrics);
                started.add(this.learn);
            }
            started.add(new ReachabilityProbe(accounts, config.ports().userSmtp(), metrics, queue)
                    .start());
            started.add(tlsWatcher());
            LOG.info("main container for {} ready as {}", config.domain(), config.hostname());
            return this;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException("startup failed: " + e.getMessage(), e);
        }
    }

    /** RFC 5321 section 4.5.1 wants postmaster to reach someone: say at startup whether it does. */
    private void logPostmaster() {
        config.postmaster().ifPresentOrElse(
                pm -> LOG.info("mail to postmaster@{} and postmaster@<user>.{} goes to account {}", config.domain(),
                        config.domain(), pm.value()),
                () -> LOG.warn("postmaster is not configured: mail to postmaster@{} is refused; set "
                        + "MAILSTACK_POSTMASTER to an account name (RFC 5321 section 4.5.1 requires it)",
                        config.domain()));
    }

    private ImapProxy proxy(int port, boolean implicitTls, AddressRules rules) throws IOException {
        return ImapProxy.start(port, implicitTls, tls.context(), rules, accounts, logins, relayKey, metrics,
                config.ports().userImap(), ClientTls.unverified(), config.hostname(),
                config.limits().maxConnections(), config.limits().maxConnectionsPerClient());
    }

    /**
     * The webmail over HTTPS with the serving pair: it signs in at the account's container, vouching for the browser,
     * under the login limits every entry point shares, and sends through this process's own submission listener.
     */
    private Webmail webmail() {
        // IMAP to the account containers over the internal overlay, which verifies no certificate (as the proxy does)
        WebmailRoutes routes = new WebmailRoutes(accounts, config.ports().userImap(), submission.port(),
                ClientTls.unverified(), relayKey);
        return Webmail.start(WebmailConfig.builder()
                .bind("0.0.0.0", config.ports().webmail())
                .https(tls.context())
                .mailDomain(config.domain())
                .imapRoute(routes::imap)
                .submissionRoute(routes::submission)
                .loginLimiter(logins)
                .build());
    }

    /** Polls the PEM files every 30 s and reloads them when they change (SIGUSR1 reloads at once). */
    private AutoCloseable tlsWatcher() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tls-watcher");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(tls::reloadIfChanged, 30, 30, TimeUnit.SECONDS);
        return timer::shutdownNow;
    }

    private DeliveryQueue queue(AddressRules rules) throws IOException, GeneralSecurityException {
        Spool spool = Spool.open(config.paths().spool());
        LocalTransport local = new LocalTransport(accounts, config.ports().userSmtp(), relayKey, config.hostname(),
                Optional.of(ClientTls.unverified()), config.queue().workers());
        Config.Outbound out = config.outbound();
        DkimKeys keys = DkimKeys.loadOrCreate(config.paths().state(), config.domain(), out.dkimSelector());
        LOG.info("DKIM: publish {} TXT \"{}\"", keys.dnsName(), keys.dnsRecord());
        Optional<Smarthost> smarthost = out.smarthost().isPresent()
                ? Optional.of(Smarthost.of(out.smarthost().get(), config.hostname(), metrics)) : Optional.empty();
        RemoteTransport remote = new RemoteTransport(smarthost, MxResolver.dns(), out.mxPort(), config.hostname(),
                Optional.of(ClientTls.unverified()), new DkimSigner(keys));
        return new DeliveryQueue(spool, local, remote,
                new Backoff(config.queue().retryInitial(), config.queue().retryMax()), config.queue().expiry(),
                new Dsn(config.hostname()), rules, metrics, Clock.systemUTC());
    }

    /** The MX's bound port. */
    public int smtpPort() {
        return mx.port();
    }

    /** The submission (STARTTLS) port. */
    public int submissionPort() {
        return submission.port();
    }

    /** The submissions (implicit TLS) port. */
    public int submissionsPort() {
        return submissions.port();
    }

    /** The IMAP proxy's STARTTLS port. */
    public int imapPort() {
        return imap.port();
    }

    /** The IMAP proxy's implicit-TLS port. */
    public int imapsPort() {
        return imaps.port();
    }

    /** The admin (metrics) port. */
    public int adminPort() {
        return admin.port();
    }

    /** The learn endpoint's port, or {@link Config.Ports#OFF} when nothing is learned. */
    public int learnPort() {
        return learn == null ? Config.Ports.OFF : learn.port();
    }

    /** The webmail's HTTPS port, or {@link Config.Ports#OFF} when it is not served. */
    public int webmailPort() {
        return webmail == null ? Config.Ports.OFF : webmail.port();
    }

    /** Re-reads the TLS pair (SIGUSR1). */
    public void reloadTls() {
        try {
            tls.reload();
        } catch (IOException e) {
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
        if (args.length > 0 && DirectoryGate.COMMAND.equals(args[0])) {
            try {
                DirectoryGate.run();
            } catch (IOException e) {
                LOG.error("cannot start the directory gate: {}", e.getMessage(), e);
                System.exit(1);
            }
            return;
        }
        // Service names on the overlay move to new addresses when a task is rescheduled: do not trust old answers long.
        Security.setProperty("networkaddress.cache.ttl", "5");
        Security.setProperty("networkaddress.cache.negative.ttl", "1");
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
