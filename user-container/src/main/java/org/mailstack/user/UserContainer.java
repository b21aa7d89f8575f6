package org.mailstack.user;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLContext;

import org.mailstack.core.maildir.MaildirStore;
import org.mailstack.core.maildir.StoreOptions;
import org.mailstack.core.tls.TlsMaterial;
import org.mailstack.user.auth.PasswordCheck;
import org.mailstack.user.auth.RelayCredentials;
import org.mailstack.user.delivery.DeliveryAgent;
import org.mailstack.user.delivery.MaildirDelivery;
import org.mailstack.user.delivery.UnavailableForwarder;
import org.mailstack.user.learn.JunkTraining;
import org.mailstack.user.learn.LearnClient;
import org.mailstack.user.sieve.SieveRules;
import org.mailstack.user.smtp.AccountAddresses;
import org.mailstack.user.smtp.SmtpReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user container's process: reads {@link UserConfig}, opens the Maildir, clears unfinished deliveries, starts
 * the IMAP server and the SMTP receiver, and on SIGTERM stops taking mail, lets the deliveries in progress reach
 * disk, closes the IMAP sessions and exits.
 * Exit status 2 for a configuration error, 1 for any other start failure.
 */
public final class UserContainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UserContainer.class);
    private static final Duration DRAIN = Duration.ofSeconds(8);
    private static final Duration LEARN_TIMEOUT = Duration.ofSeconds(30);

    private final MaildirStore store;
    private final DeliveryAgent agent;
    private final SmtpReceiver smtp;
    private final PasswordCheck passwords;
    private final UserConfig config;
    private final Optional<SSLContext> tls;
    private final Optional<JunkTraining> training;
    private ImapListener imap;

    private UserContainer(UserConfig config) throws IOException {
        this.config = config;
        store = MaildirStore.open(config.maildir(), storeOptions(config));
        AccountAddresses addresses = new AccountAddresses(config.primaryAddress(), config.aliases());
        agent = new DeliveryAgent(new MaildirDelivery(store), new SieveRules(config.rulesFile()),
                new UnavailableForwarder(), addresses.all());
        passwords = new PasswordCheck(loginNames(config), config.passwordHash());
        Path spool = SpoolDirectory.create(Path.of(System.getProperty("java.io.tmpdir")));
        tls = tls(config);
        smtp = new SmtpReceiver(null, config.smtpPort(), config.hostName(), addresses,
                new RelayCredentials(config.relaySecret()), agent, config.maxMessageBytes(), spool, tls);
        training = config.learnUrl().map(url -> new JunkTraining(store,
                new LearnClient(url, config.account().value(), config.relaySecret(), LEARN_TIMEOUT),
                config.maxMessageBytes(), config.learnPerMinute(), Clock.systemUTC()));
        training.ifPresentOrElse(t -> {
            store.addTransferListener(t);
            LOG.info("messages moved into and out of Junk teach the spam filter at {}", config.learnUrl().get());
        }, () -> LOG.info("spam filter training off (MAILSTACK_LEARN_URL=off)"));
    }

    /** Starts the container in this process (tests: ports 0 for ephemeral ones). */
    static UserContainer start(UserConfig config) throws IOException {
        UserContainer container = new UserContainer(config);
        try {
            container.start();
        } catch (IOException | RuntimeException e) {
            container.close();
            throw e;
        }
        return container;
    }

    int smtpPort() {
        return smtp.port();
    }

    int imapPort() {
        return imap.plainPort();
    }

    /**
     * The store of the account's Maildir. At start nothing in {@code tmp/} can still be written (no process of this
     * container runs yet, and no other may use the volume), so every file there is a delivery cut short, never
     * acknowledged: all are removed, not only those older than maildir(5)'s 36 hours.
     */
    static StoreOptions storeOptions(UserConfig config) {
        return StoreOptions.defaults().withQuotaBytes(config.quotaBytes()).withHostName(config.hostName())
                .withTmpMaxAge(Duration.ZERO);
    }

    private static Set<String> loginNames(UserConfig config) {
        Set<String> names = new LinkedHashSet<>();
        names.add(config.primaryAddress().toLowerCase(Locale.ROOT));
        names.add(config.account().value().toLowerCase(Locale.ROOT));
        return names;
    }

    private static Optional<SSLContext> tls(UserConfig config) {
        try {
            return Optional.of(TlsMaterial.loadOrGenerate(config.tlsDir(), config.hostName()).sslContext());
        } catch (IOException | RuntimeException e) {
            LOG.warn("no TLS material ({}); STARTTLS is not offered", e.getMessage());
            return Optional.empty();
        }
    }

    private void start() throws IOException {
        imap = ImapListener.start(config, passwords, store, tls);
        smtp.start();
        HeapTrim.startForJvm();
    }

    /** Stops taking mail, waits for deliveries in progress, then closes the listener and the store. */
    @Override
    public void close() {
        try {
            if (!agent.gate().closeAndAwait(DRAIN)) {
                LOG.warn("deliveries still running after {}s; stopping anyway", DRAIN.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        smtp.stop();
        if (imap != null) {
            imap.close();
        }
        training.ifPresent(JunkTraining::close);
        store.close();
        LOG.info("stopped");
    }

    public static void main(String[] args) {
        UserConfig config;
        try {
            config = UserConfig.fromEnvironment(System.getenv());
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("configuration error: {}", e.getMessage());
            System.exit(2);
            return;
        }
        LOG.info("starting {}", config);
        try {
            UserContainer container = new UserContainer(config);
            Runtime.getRuntime().addShutdownHook(new Thread(container::close, "shutdown"));
            container.start();
        } catch (IOException | RuntimeException e) {
            LOG.error("start failed: {}", e.toString());
            System.exit(1);
        }
    }
}
