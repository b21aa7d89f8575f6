package org.mailstack.main.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.InvalidAccountNameException;
import org.mailstack.core.mail.MessageContent;

/**
 * Every setting of the main container, read once at startup from {@code MAILSTACK_*} environment variables.
 * Ports are the in-container ports of HACKING.md; tests pass {@code 0} to get ephemeral ones.
 *
 * @param postmaster the account that receives mail for {@code postmaster} ({@code MAILSTACK_POSTMASTER}); empty:
 *                   such mail is refused
 */
public record Config(
        String domain,
        String hostname,
        Ports ports,
        Paths paths,
        Limits limits,
        Queue queue,
        Outbound outbound,
        Duration accountCacheTtl,
        String dockerHost,
        Optional<AccountName> postmaster, Spam spam) {

    /**
     * Listening ports inside the container, and the ports of the user containers. {@code webmail} is
     * {@link #OFF} when the webmail is not served.
     */
    public record Ports(int smtp, int submission, int submissions, int imap, int imaps, int admin,
                        int userSmtp, int userImap, int webmail) {
        /** A port setting of {@code -1}: the listener is not started. */
        public static final int OFF = -1;
    }

    /** Spool (the durable queue), state (DKIM keys, self-signed pair), TLS PEM directory, relay key file. */
    public record Paths(Path spool, Path state, Path tls, Path relayKey) {
    }

    /** Per-message and per-client limits; each is enforced with its own SMTP reply (see {@code MxMessageHandler}). */
    public record Limits(long maxMessageBytes, int maxRecipients, int maxConnections, int maxConnectionsPerClient,
                         int messagesPerMinutePerClient) {
    }

    /** Retry schedule of the delivery workers and the age after which a message is returned with a DSN. */
    public record Queue(int workers, Duration retryInitial, Duration retryMax, Duration expiry) {
    }

    /** Mail to other domains: the smarthost ({@code host:port}) if any, else MX lookup to {@code mxPort}; DKIM. */
    public record Outbound(Optional<String> smarthost, int mxPort, String dkimSelector) {
    }

    /**
     * The spam filter: rspamd's normal worker at {@code rspamd} asked about every message before the {@code 250},
     * within {@code timeout}; when it does not answer, the message is accepted marked unscanned, or refused with a
     * {@code 451} ({@link Unscanned#TEMPFAIL}).
     */
    public record Spam(boolean enabled, URI rspamd, Duration timeout, Unscanned unscanned) {
        /** rspamd's address inside the stack: the {@code rspamd} service on the mail network. */
        public static final URI DEFAULT_URL = URI.create("http://rspamd:11333");

        /** What happens to a message rspamd did not answer for. */
        public enum Unscanned { ACCEPT, TEMPFAIL }

        /** The filter turned off. */
        public static Spam off() {
            return new Spam(false, DEFAULT_URL, Duration.ofSeconds(10), Unscanned.ACCEPT);
        }
    }

    /** Reads the configuration from the process environment. */
    public static Config fromEnvironment() {
        return fromEnv(System.getenv());
    }

    /** Reads the configuration from {@code vars}; missing variables take their documented defaults. */
    public static Config fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        String domain = normaliseDomain(env.string("MAILSTACK_DOMAIN", "example.test"));
        String hostname = env.string("MAILSTACK_HOSTNAME", "mail." + domain);
        Ports ports = new Ports(
                env.integer("MAILSTACK_SMTP_PORT", 2525),
                env.integer("MAILSTACK_SUBMISSION_PORT", 5587),
                env.integer("MAILSTACK_SUBMISSIONS_PORT", 4465),
                env.integer("MAILSTACK_IMAP_PORT", 1143),
                env.integer("MAILSTACK_IMAPS_PORT", 1993),
                env.integer("MAILSTACK_ADMIN_PORT", 9090),
                env.integer("MAILSTACK_USER_SMTP_PORT", 2525),
                env.integer("MAILSTACK_USER_IMAP_PORT", 1143),
                env.portOrOff("MAILSTACK_WEBMAIL_PORT", 8443));
        Paths paths = new Paths(
                Path.of(env.string("MAILSTACK_SPOOL_DIR", "/var/spool/mailstack")),
                Path.of(env.string("MAILSTACK_STATE_DIR", "/var/lib/mailstack")),
                Path.of(env.string("MAILSTACK_TLS_DIR", "/etc/mailstack/tls")),
                Path.of(env.string("MAILSTACK_RELAY_KEY_FILE", "/run/secrets/relay_key")));
        Limits limits = new Limits(
                maxMessageSize(env),
                env.integer("MAILSTACK_MAX_RECIPIENTS", 100),
                env.integer("MAILSTACK_MAX_CONNECTIONS", 200),
                env.integer("MAILSTACK_MAX_CONNECTIONS_PER_CLIENT", 10),
                env.integer("MAILSTACK_MESSAGES_PER_MINUTE_PER_CLIENT", 120));
        Queue queue = new Queue(
                Math.max(1, env.integer("MAILSTACK_QUEUE_WORKERS", 16)),
                env.duration("MAILSTACK_RETRY_INITIAL", Duration.ofSeconds(30)),
                env.duration("MAILSTACK_RETRY_MAX", Duration.ofHours(1)),
                env.duration("MAILSTACK_QUEUE_EXPIRY", Duration.ofDays(5)));
        Outbound outbound = new Outbound(Optional.ofNullable(env.string("MAILSTACK_SMARTHOST", null)),
                env.integer("MAILSTACK_OUTBOUND_MX_PORT", 25),
                env.string("MAILSTACK_DKIM_SELECTOR", "mailstack"));
        Duration ttl = env.duration("MAILSTACK_ACCOUNT_CACHE_TTL", Duration.ofSeconds(5));
        String dockerHost = env.string("MAILSTACK_DOCKER_HOST", "unix:///var/run/docker.sock");
        return new Config(domain, hostname, ports, paths, limits, queue, outbound, ttl, dockerHost, postmaster(env),
                spam(env));
    }

    /** On when {@code MAILSTACK_SPAM_FILTER=on}, or when it is unset and {@code MAILSTACK_RSPAMD_URL} is set. */
    private static Spam spam(Env env) {
        String url = env.string("MAILSTACK_RSPAMD_URL", null);
        boolean enabled = "on".equals(env.choice("MAILSTACK_SPAM_FILTER", url == null ? "off" : "on", "on", "off"));
        Duration timeout = env.duration("MAILSTACK_SPAM_TIMEOUT", Duration.ofSeconds(10));
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("MAILSTACK_SPAM_TIMEOUT must be positive: " + timeout);
        }
        Spam.Unscanned unscanned = "tempfail".equals(env.choice("MAILSTACK_SPAM_UNSCANNED", "accept", "accept",
                "tempfail")) ? Spam.Unscanned.TEMPFAIL : Spam.Unscanned.ACCEPT;
        return new Spam(enabled, url == null ? Spam.DEFAULT_URL : env.httpUrl("MAILSTACK_RSPAMD_URL", url), timeout,
                unscanned);
    }

    /**
     * {@code MAILSTACK_MAX_MESSAGE_SIZE}, at most what an account takes less the room for the MX's trace header:
     * a larger limit would accept messages the account's container then refuses (a bounce instead of a refusal).
     */
    private static long maxMessageSize(Env env) {
        long size = env.bytes("MAILSTACK_MAX_MESSAGE_SIZE", 25L * 1024 * 1024);
        long largest = MessageContent.largestRelayable(MessageContent.ACCOUNT_MAX_BYTES);
        if (size > largest) {
            throw new IllegalArgumentException("MAILSTACK_MAX_MESSAGE_SIZE must be at most " + largest
                    + " bytes (the accounts' limit less room for trace headers): " + size);
        }
        return size;
    }

    /** {@code MAILSTACK_POSTMASTER}: the account that receives mail for postmaster (RFC 5321 section 4.5.1). */
    private static Optional<AccountName> postmaster(Env env) {
        String name = env.string("MAILSTACK_POSTMASTER", null);
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(AccountName.of(name));
        } catch (InvalidAccountNameException e) {
            throw new IllegalArgumentException("MAILSTACK_POSTMASTER is not an account name: " + e.getMessage(), e);
        }
    }

        /** Lower case, without a trailing dot: the form every address comparison uses. */
    static String normaliseDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
