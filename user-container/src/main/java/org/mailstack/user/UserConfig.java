package org.mailstack.user;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.MailAddress;
import org.mailstack.core.mail.MessageContent;
import org.mailstack.user.auth.SecretFile;

/**
 * The container's configuration, from the environment and from secret files. Secrets are read from files only
 * (Docker secrets under {@code /run/secrets}), never from the environment, and {@link #toString()} leaves them out.
 *
 * <table>
 *   <caption>Environment</caption>
 *   <tr><td>MAILSTACK_USER</td><td>the account name (required)</td></tr>
 *   <tr><td>MAILSTACK_DOMAIN</td><td>the system's mail domain (required)</td></tr>
 *   <tr><td>MAILSTACK_ALIASES</td><td>further addresses of the account, comma-separated</td></tr>
 *   <tr><td>MAILSTACK_HOME</td><td>the account's volume, default {@code /home/box}</td></tr>
 *   <tr><td>MAILSTACK_SECRETS</td><td>directory of {@code password_hash} and {@code relay_secret},
 *       default {@code /run/secrets}</td></tr>
 *   <tr><td>MAILSTACK_TLS_DIR</td><td>{@code fullchain.pem} + {@code privkey.pem}; a self-signed pair is generated
 *       there when both are absent; default {@code <home>/.tls}</td></tr>
 *   <tr><td>MAILSTACK_QUOTA_BYTES</td><td>default 1 GiB</td></tr>
 *   <tr><td>MAILSTACK_MAX_MESSAGE_BYTES</td><td>largest message accepted, default 50 MiB</td></tr>
 *   <tr><td>MAILSTACK_SMTP_PORT</td><td>default 2525</td></tr>
 *   <tr><td>MAILSTACK_IMAP_PORT</td><td>IMAP with STARTTLS, default 1143</td></tr>
 *   <tr><td>MAILSTACK_IMAPS_PORT</td><td>IMAP over TLS, default 1993</td></tr>
 *   <tr><td>MAILSTACK_IMAP_PLAIN_LOGIN</td><td>"true" allows LOGIN before STARTTLS (tests only), default false</td></tr>
 *   <tr><td>MAILSTACK_LEARN_URL</td><td>the main container's learn endpoint, which teaches the spam filter what
 *       the owner moves into and out of Junk (ADR 24); default {@value #DEFAULT_LEARN_URL}, {@code off} for none</td></tr>
 *   <tr><td>MAILSTACK_LEARN_PER_MINUTE</td><td>messages taught at most per minute, default 30</td></tr>
 * </table>
 */
public record UserConfig(AccountName account, String domain, Set<String> aliases, Path home, Path tlsDir,
                         long quotaBytes, long maxMessageBytes, int smtpPort, int imapPort, int imapsPort,
                         boolean imapPlainLogin, String passwordHash, String relaySecret, Optional<URI> learnUrl,
                         int learnPerMinute) {

    public static final long DEFAULT_QUOTA = 1L << 30;
    /** The accounts' limit the MX sizes its own against (core's content rule). */
    public static final long DEFAULT_MAX_MESSAGE = MessageContent.ACCOUNT_MAX_BYTES;
    /**
     * The main service on the mail network, by the alias swarm/stack.yml gives it (its service name,
     * {@code mailstack_main}, is no host name a URL may carry: an underscore).
     */
    public static final String DEFAULT_LEARN_URL = "http://mailstack-main:9091";
    public static final int DEFAULT_LEARN_PER_MINUTE = 30;

    /** Reads the configuration; errors say which variable or file is wrong, never a secret's value. */
    public static UserConfig fromEnvironment(Map<String, String> env) throws IOException {
        AccountName account = AccountName.of(required(env, "MAILSTACK_USER"));
        String domain = required(env, "MAILSTACK_DOMAIN").toLowerCase(Locale.ROOT);
        Set<String> aliases = new LinkedHashSet<>();
        for (String alias : env.getOrDefault("MAILSTACK_ALIASES", "").split(",")) {
            if (!alias.isBlank()) {
                aliases.add(MailAddress.parse(alias.strip()).toString());
            }
        }
        Path home = Path.of(env.getOrDefault("MAILSTACK_HOME", "/home/box"));
        Path secrets = Path.of(env.getOrDefault("MAILSTACK_SECRETS", "/run/secrets"));
        Path tls = Path.of(env.getOrDefault("MAILSTACK_TLS_DIR", home.resolve(".tls").toString()));
        return new UserConfig(account, domain, Set.copyOf(aliases), home, tls,
                positive(env, "MAILSTACK_QUOTA_BYTES", DEFAULT_QUOTA),
                positive(env, "MAILSTACK_MAX_MESSAGE_BYTES", DEFAULT_MAX_MESSAGE),
                port(env, "MAILSTACK_SMTP_PORT", 2525), port(env, "MAILSTACK_IMAP_PORT", 1143),
                port(env, "MAILSTACK_IMAPS_PORT", 1993),
                Boolean.parseBoolean(env.getOrDefault("MAILSTACK_IMAP_PLAIN_LOGIN", "false").strip()),
                SecretFile.read(secrets.resolve("password_hash")),
                SecretFile.read(secrets.resolve("relay_secret")),
                learnUrl(env.getOrDefault("MAILSTACK_LEARN_URL", DEFAULT_LEARN_URL).strip()),
                (int) number(env, "MAILSTACK_LEARN_PER_MINUTE", DEFAULT_LEARN_PER_MINUTE, 1, 10_000));
    }

    /** An {@code http://} URL with a host, or empty for {@code off} (or nothing). */
    private static Optional<URI> learnUrl(String value) {
        if (value.isEmpty() || value.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("MAILSTACK_LEARN_URL must be an http:// URL with a host, or off");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("MAILSTACK_LEARN_URL is not a URL");
        }
    }

    /** {@code box@<user>.<domain>}. */
    public String primaryAddress() {
        return MailAddress.boxOf(account, domain).toString();
    }

    /** {@code <user>.<domain>}: the SMTP greeting name and the TLS certificate's name. */
    public String hostName() {
        return account.value() + "." + domain;
    }

    public Path maildir() {
        return home.resolve("Maildir");
    }

    public Path rulesFile() {
        return home.resolve("rules.sieve");
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value.strip();
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return (int) number(env, name, fallback, 0, 65535);
    }

    private static long positive(Map<String, String> env, String name, long fallback) {
        return number(env, name, fallback, 1, Long.MAX_VALUE);
    }

    private static long number(Map<String, String> env, String name, long fallback, long min, long max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number");
        }
    }

    @Override
    public String toString() {
        return "UserConfig[account=" + account.value() + ", domain=" + domain + ", aliases=" + aliases
                + ", home=" + home + ", quotaBytes=" + quotaBytes + ", maxMessageBytes=" + maxMessageBytes
                + ", smtpPort=" + smtpPort + ", imapPort=" + imapPort + ", imapsPort=" + imapsPort
                + ", imapPlainLogin=" + imapPlainLogin + ", learnUrl=" + learnUrl.map(URI::toString).orElse("off")
                + ", learnPerMinute=" + learnPerMinute + ", secrets hidden]";
    }
}
