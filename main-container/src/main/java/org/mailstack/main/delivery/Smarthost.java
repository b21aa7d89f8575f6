package org.mailstack.main.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSocketFactory;

import org.mailstack.main.config.Config;
import org.mailstack.main.config.Config.SmarthostTls;
import org.mailstack.main.metrics.Metrics;
import org.mailstack.main.queue.Envelope;
import org.mailstack.main.queue.Reply;
import org.mailstack.main.queue.Transport;
import org.mailstack.main.tls.ClientTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The smarthost: the next hop of all mail to other domains when {@code MAILSTACK_SMARTHOST} is set. With
 * {@code MAILSTACK_SMARTHOST_USER} the relay logs in, with AUTH PLAIN (AUTH LOGIN when the smarthost offers only
 * that), and only over TLS whose certificate chain and host name were verified: implicit TLS or required STARTTLS
 * ({@link SmarthostTls}). The password is read from its file (a Docker secret) at each attempt, so a corrected file
 * is used at the next retry.
 * <p>
 * Whatever ends an attempt before MAIL (the password file unreadable, no STARTTLS, the certificate not verified, the
 * login refused, even with {@code 535}) is a temporary failure: the message stays queued and is retried. Each is one
 * log line naming the smarthost and the user, never the password, and counted in
 * {@code mailstack_smarthost_failures_total} by reason.
 */
public final class Smarthost {
    private static final Logger LOG = LoggerFactory.getLogger(Smarthost.class);
    private final Config.Smarthost settings;
    private final SmtpDelivery.Security security;
    private final Optional<SSLSocketFactory> tls;
    private final SmtpDelivery smtp;
    private final Metrics metrics;

    Smarthost(Config.Smarthost settings, Optional<SSLSocketFactory> tls, String heloName, Duration timeout,
              Metrics metrics) {
        this.settings = settings;
        this.security = switch (settings.tls()) {
            case IMPLICIT -> SmtpDelivery.Security.IMPLICIT;
            case STARTTLS -> SmtpDelivery.Security.STARTTLS;
            case OPPORTUNISTIC -> SmtpDelivery.Security.OPPORTUNISTIC;
        };
        if (settings.user().isPresent() && security == SmtpDelivery.Security.OPPORTUNISTIC) {
            throw new IllegalArgumentException("a smarthost login needs verified TLS");
        }
        this.tls = tls;
        this.smtp = new SmtpDelivery(heloName, timeout, null);
        this.metrics = metrics;
    }

    /**
     * The smarthost of {@code settings}: verified TLS against the system's CAs or the configured CA file, except in
     * {@link SmarthostTls#OPPORTUNISTIC} mode (no login), which keeps unverified STARTTLS when offered.
     *
     * @throws IOException when the CA file cannot be read
     */
    public static Smarthost of(Config.Smarthost settings, String heloName, Metrics metrics) throws IOException {
        boolean verified = settings.tls() != SmarthostTls.OPPORTUNISTIC;
        SSLSocketFactory factory = verified ? ClientTls.verified(settings.caFile()) : ClientTls.unverified();
        LOG.info("mail to other domains goes through the smarthost {} ({}{}){}", settings.address(),
                switch (settings.tls()) {
                    case IMPLICIT -> "implicit TLS";
                    case STARTTLS -> "STARTTLS required";
                    case OPPORTUNISTIC -> "STARTTLS when offered, unverified";
                },
                verified ? ", certificate verified against " + settings.caFile().map(f -> "the CAs of " + f)
                        .orElse("the system's CAs") : "",
                settings.user().map(u -> ", logging in as " + u + " with the password in "
                        + settings.passwordFile()).orElse(""));
        return new Smarthost(settings, Optional.of(factory), heloName, Duration.ofMinutes(2), metrics);
    }

    /** One attempt of {@code e}; never throws for a network or TLS problem (a temporary reply instead). */
    Map<String, Reply> deliver(Envelope e, byte[] prefix, Transport.MessageSource message) {
        Optional<SmtpDelivery.Credentials> login = Optional.empty();
        if (settings.user().isPresent()) {
            try {
                login = Optional.of(new SmtpDelivery.Credentials(settings.user().get(), password()));
            } catch (IOException x) {
                metrics.smarthostFailure("password_unavailable");
                LOG.warn("smarthost {}: the password file {} cannot be used ({}); nothing sent, queue entry {} stays"
                        + " queued", settings.address(), settings.passwordFile(), oneLine(x.getMessage()), e.id());
                return SmtpDelivery.all(e.recipients(),
                        new Reply(451, "4.7.0 smarthost password unavailable; nothing sent"));
            }
        }
        SmtpDelivery.Hop hop = new SmtpDelivery.Hop(new InetSocketAddress(settings.host(), settings.port()),
                security, tls, login);
        SmtpDelivery.Result result;
        try {
            result = smtp.send(hop, e, prefix, message);
        } catch (IOException x) {
            metrics.smarthostFailure("unreachable");
            LOG.info("queue entry {}: smarthost {} unreachable: {}", e.id(), settings.address(), oneLine(x.toString()));
            return SmtpDelivery.all(e.recipients(), Reply.temporary("smarthost unreachable"));
        }
        if (result.refused().isEmpty()) {
            return result.replies();
        }
        SmtpDelivery.Refusal refused = result.refused().get();
        String user = settings.user().orElse("(none)");
        Reply queued;
        switch (refused.stage()) {
            case LOGIN_REFUSED -> {
                metrics.smarthostFailure("login_refused");
                LOG.warn("smarthost {} refused the login of user {}: {}; queue entry {} stays queued and is retried"
                        + " (check MAILSTACK_SMARTHOST_USER and the password secret)", settings.address(), user,
                        oneLine(refused.detail()), e.id());
                queued = new Reply(451, "4.7.0 smarthost refused our login: " + refused.detail());
            }
            case TLS -> {
                metrics.smarthostFailure("tls_failed");
                LOG.warn("smarthost {}: TLS failed, {}; nothing sent, queue entry {} stays queued",
                        settings.address(), oneLine(refused.detail()), e.id());
                queued = new Reply(451, refused.reply().text().replace("next hop", "smarthost"));
            }
            case NO_STARTTLS -> {
                metrics.smarthostFailure("no_starttls");
                LOG.warn("smarthost {} offers no STARTTLS ({}), which is required{}; nothing sent, queue entry {}"
                        + " stays queued", settings.address(), oneLine(refused.detail()),
                        settings.user().isPresent() ? " to send the password" : "", e.id());
                queued = new Reply(451, refused.reply().text().replace("next hop", "smarthost"));
            }
            case NO_AUTH_MECHANISM -> {
                metrics.smarthostFailure("no_auth_mechanism");
                LOG.warn("smarthost {} {}; nothing sent, queue entry {} stays queued", settings.address(),
                        oneLine(refused.detail()), e.id());
                queued = new Reply(451, refused.reply().text().replace("next hop", "smarthost"));
            }
            default -> {
                return result.replies();
            }
        }
        return SmtpDelivery.all(e.recipients(), queued);
    }

    /**
     * The password: the file's text without its trailing line break (a file written with {@code echo} has one).
     * The exception messages name the file, never its content.
     */
    private String password() throws IOException {
        String text = Files.readString(settings.passwordFile(), StandardCharsets.UTF_8);
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        String password = text.substring(0, end);
        if (password.isEmpty()) {
            throw new IOException("it is empty");
        }
        if (password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0 || password.indexOf('\0') >= 0) {
            throw new IOException("it holds more than one line");
        }
        return password;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ");
    }
}
