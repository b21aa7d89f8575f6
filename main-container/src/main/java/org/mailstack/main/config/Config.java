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
        /** Deliveries at once unless MAILSTACK_QUEUE_WORKERS says otherwise; each has one message in flight. */
        public static final int DEFAULT_WORKERS = 16;
    }

    /** Mail to other domains: the smarthost if one is set, else MX lookup to {@code mxPort}; DKIM. */
    public record Outbound(Optional<Smarthost> smarthost, int mxPort, String dkimSelector) {
    }

    /**
     * The next hop of all mail to other domains ({@code MAILSTACK_SMARTHOST=host:port}, port 25 when absent).
     *
     * @param tls          how the connection is secured; see {@link SmarthostTls}
     * @param user         {@code MAILSTACK_SMARTHOST_USER}: log in with AUTH PLAIN (or LOGIN) after TLS
     * @param passwordFile {@code MAILSTACK_SMARTHOST_PASSWORD_FILE}, the file (a Docker secret) holding the
     *                     password; read at each attempt, never from the environment
     * @param caFile       {@code MAILSTACK_SMARTHOST_CA_FILE}: PEM CA certificates to verify the smarthost against
     *                     instead of the system's trust store
     */
    public record Smarthost(String host, int port, SmarthostTls tls, Optional<String> user, Path passwordFile,
                            Optional<Path> caFile) {
        /** Where the password secret is mounted when {@code MAILSTACK_SMARTHOST_PASSWORD_FILE} is not set. */
        public static final Path DEFAULT_PASSWORD_FILE = Path.of("/run/secrets/smarthost_password");

        /** The host as given, with the port: for log lines. */
        public String address() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * How the connection to the smarthost is secured. {@link #IMPLICIT} (TLS from the first byte, port 465) and
     * {@link #STARTTLS} (RFC 3207, required) both verify the certificate and the host name, and nothing, the password
     * least of all, is sent when they fail. {@link #OPPORTUNISTIC} (STARTTLS when offered, unverified, RFC 7435) is
     * only for a smarthost without login, CA file or {@code MAILSTACK_SMARTHOST_TLS}, as before logins existed.
     */
    public enum SmarthostTls { IMPLICIT, STARTTLS, OPPORTUNISTIC }

    /**
     * The spam filter: rspamd's normal worker at {@code rspamd} asked about every message before the {@code 250},
     * within {@code timeout}; when it does not answer, the message is accepted marked unscanned, or refused with a
     * {@code 451} ({@link Unscanned#TEMPFAIL}).
     */
    public record Spam(boolean enabled, URI rspamd, Duration timeout, Unscanned unscanned, Learn learn) {
        /** rspamd's address inside the stack: the {@code rspamd} service on the mail network. */
        public static final URI DEFAULT_URL = URI.create("http://rspamd:11333");
        /** rspamd's controller inside the stack, which learns. */
        public static final URI DEFAULT_CONTROLLER_URL = URI.create("http://rspamd:11334");

        /** What happens to a message rspamd did not answer for. */
        public enum Unscanned { ACCEPT, TEMPFAIL }

        /**
         * The learn endpoint (ADR 24): the accounts' containers send on {@code port} the messages their owners move
         * into or out of Junk, at most {@code perMinute} per account and no larger than the message size limit;
         * this container has rspamd's controller at {@code controller} learn them, with the password in
         * {@code passwordFile} when that file exists. {@code port} is {@link Ports#OFF} when nothing is learned.
         */
        public record Learn(int port, URI controller, Path passwordFile, int perMinute) {
        }

        /** The filter turned off. */
        public static Spam off() {
            return new Spam(false, DEFAULT_URL, Duration.ofSeconds(10), Unscanned.ACCEPT,
                    new Learn(Ports.OFF, DEFAULT_CONTROLLER_URL, Path.of("/run/secrets/rspamd_controller_password"),
                            30));
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
                Math.max(1, env.integer("MAILSTACK_QUEUE_WORKERS", Queue.DEFAULT_WORKERS)),
                env.duration("MAILSTACK_RETRY_INITIAL", Duration.ofSeconds(30)),
                env.duration("MAILSTACK_RETRY_MAX", Duration.ofHours(1)),
                env.duration("MAILSTACK_QUEUE_EXPIRY", Duration.ofDays(5)));
        Outbound outbound = new Outbound(smarthost(env),
                env.integer("MAILSTACK_OUTBOUND_MX_PORT", 25),
                env.string("MAILSTACK_DKIM_SELECTOR", "mailstack"));
        Duration ttl = env.duration("MAILSTACK_ACCOUNT_CACHE_TTL", Duration.ofSeconds(5));
        String dockerHost = env.string("MAILSTACK_DOCKER_HOST", "unix:///var/run/docker.sock");
        return new Config(domain, hostname, ports, paths, limits, queue, outbound, ttl, dockerHost, postmaster(env),
                spam(env));
    }

    /**
     * {@code MAILSTACK_SMARTHOST} and its login and TLS settings. A user, a password file, a CA file or a TLS mode
     * without a smarthost is a startup error, as is a password file without a user: each would be silently unused.
     */
    private static Optional<Smarthost> smarthost(Env env) {
        String value = env.string("MAILSTACK_SMARTHOST", null);
        Optional<String> user = Optional.ofNullable(env.string("MAILSTACK_SMARTHOST_USER", null));
        String passwordFile = env.string("MAILSTACK_SMARTHOST_PASSWORD_FILE", null);
        Optional<Path> caFile = Optional.ofNullable(env.string("MAILSTACK_SMARTHOST_CA_FILE", null)).map(Path::of);
        String tls = env.choice("MAILSTACK_SMARTHOST_TLS", null, "implicit", "starttls");
        if (value == null) {
            for (String set : new String[] {user.isPresent() ? "MAILSTACK_SMARTHOST_USER" : null,
                passwordFile != null ? "MAILSTACK_SMARTHOST_PASSWORD_FILE" : null,
                caFile.isPresent() ? "MAILSTACK_SMARTHOST_CA_FILE" : null,
                tls != null ? "MAILSTACK_SMARTHOST_TLS" : null}) {
                if (set != null) {
                    throw new IllegalArgumentException(set + " is set but MAILSTACK_SMARTHOST is not");
                }
            }
            return Optional.empty();
        }
        if (passwordFile != null && user.isEmpty()) {
            throw new IllegalArgumentException("MAILSTACK_SMARTHOST_PASSWORD_FILE is set but MAILSTACK_SMARTHOST_USER"
                    + " is not: set the user the smarthost knows this password for");
        }
        if (user.isPresent() && !user.get().chars().allMatch(c -> c > 0x20 && c != 0x7f)) {
            throw new IllegalArgumentException("MAILSTACK_SMARTHOST_USER must not contain spaces or control characters");
        }
        String host;
        int port = 25;
        int colon = value.lastIndexOf(':');
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || (close + 1 < value.length() && value.charAt(close + 1) != ':')) {
                throw new IllegalArgumentException("MAILSTACK_SMARTHOST must be host:port or [IPv6]:port: " + value);
            }
            host = value.substring(1, close);
            colon = close + 1 < value.length() ? close + 1 : -1;
        } else if (colon >= 0 && value.indexOf(':') != colon) {
            throw new IllegalArgumentException("MAILSTACK_SMARTHOST: write an IPv6 address as [address]:port: " + value);
        } else {
            host = colon < 0 ? value : value.substring(0, colon);
        }
        if (colon >= 0) {
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("MAILSTACK_SMARTHOST has no valid port (1-65535): " + value);
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("MAILSTACK_SMARTHOST has no host: " + value);
        }
        SmarthostTls mode;
        if (tls != null) {
            mode = tls.equals("implicit") ? SmarthostTls.IMPLICIT : SmarthostTls.STARTTLS;
        } else if (port == 465) {
            mode = SmarthostTls.IMPLICIT;
        } else if (user.isPresent() || caFile.isPresent()) {
            mode = SmarthostTls.STARTTLS;
        } else {
            mode = SmarthostTls.OPPORTUNISTIC;
        }
        return Optional.of(new Smarthost(host, port, mode, user,
                passwordFile == null ? Smarthost.DEFAULT_PASSWORD_FILE : Path.of(passwordFile), caFile));
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
        String controller = env.string("MAILSTACK_RSPAMD_CONTROLLER_URL", null);
        int perMinute = env.integer("MAILSTACK_LEARN_PER_MINUTE", 30);
        if (perMinute == 0) {
            throw new IllegalArgumentException("MAILSTACK_LEARN_PER_MINUTE must be positive");
        }
        Spam.Learn learn = new Spam.Learn(enabled ? env.portOrOff("MAILSTACK_LEARN_PORT", 9091) : Ports.OFF,
                controller == null ? Spam.DEFAULT_CONTROLLER_URL
                        : env.httpUrl("MAILSTACK_RSPAMD_CONTROLLER_URL", controller),
                Path.of(env.string("MAILSTACK_RSPAMD_CONTROLLER_PASSWORD_FILE",
                        "/run/secrets/rspamd_controller_password")),
                perMinute);
        return new Spam(enabled, url == null ? Spam.DEFAULT_URL : env.httpUrl("MAILSTACK_RSPAMD_URL", url), timeout,
                unscanned, learn);
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
