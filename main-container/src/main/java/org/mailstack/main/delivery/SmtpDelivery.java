package org.mailstack.main.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

import org.mailstack.main.queue.Envelope;
import org.mailstack.main.queue.Reply;
import org.mailstack.main.queue.Transport;

/**
 * One SMTP client transaction for one queue entry: TLS as the {@link Hop} asks, greeting, EHLO, STARTTLS, optional
 * AUTH, MAIL, one RCPT per recipient, DATA. The result maps every recipient to the reply that decides its fate; a
 * failure before RCPT gives every recipient the same reply, and says why in {@link Result#refused()}.
 */
final class SmtpDelivery {
    /** AUTH credentials for the next hop. */
    record Credentials(String user, String password) {
        /** Never the password: a record would print it. */
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]";
        }
    }

    /** How a session is secured before AUTH and MAIL. */
    enum Security {
        /** STARTTLS when offered, plain text otherwise (RFC 7435). */
        OPPORTUNISTIC,
        /** STARTTLS or nothing: without it, or when the handshake fails, nothing is sent. */
        STARTTLS,
        /** TLS from the first byte (RFC 8314); a failed handshake sends nothing. */
        IMPLICIT
    }

    /**
     * The next hop: its address (whose host string is the name TLS verifies, when {@code tls} verifies), the TLS
     * factory (required unless {@code security} is {@link Security#OPPORTUNISTIC}) and the login, if any.
     */
    record Hop(InetSocketAddress address, Security security, Optional<SSLSocketFactory> tls,
               Optional<Credentials> auth) {
        Hop {
            if (security != Security.OPPORTUNISTIC && tls.isEmpty()) {
                throw new IllegalArgumentException(security + " needs a TLS factory");
            }
        }
    }

    /** Why a session ended before MAIL. */
    enum Stage {
        /** The greeting or EHLO was not accepted: the hop's own reply. */
        GREETING,
        /** STARTTLS is required and was not offered, or refused. */
        NO_STARTTLS,
        /** The TLS handshake failed: the certificate or its name not verified, or no common protocol or suite. */
        TLS,
        /** Credentials are given but the hop offers neither PLAIN nor LOGIN. */
        NO_AUTH_MECHANISM,
        /** The hop refused the login. */
        LOGIN_REFUSED
    }

    /**
     * A session given up before MAIL: where, the reply the queue keeps, and for the log what the hop said (its reply
     * to AUTH or STARTTLS) or why the handshake failed; one line, never a credential.
     */
    record Refusal(Stage stage, Reply reply, String detail) {
    }

    /** The replies per recipient, and the refusal when the session never reached MAIL. */
    record Result(Map<String, Reply> replies, Optional<Refusal> refused) {
    }

    private final String heloName;
    private final Duration timeout;
    private final IdleConnections idle;

    /** @param idle where sessions are parked for reuse, or null to close each after its message */
    SmtpDelivery(String heloName, Duration timeout, IdleConnections idle) {
        this.heloName = heloName;
        this.timeout = timeout;
        this.idle = idle;
    }

    /**
     * One attempt of {@code e} at {@code hop}.
     *
     * @throws IOException when the hop could not be reached or the connection broke (a TLS failure of a
     *                     {@link Security#OPPORTUNISTIC} hop included; any other is a {@link Refusal})
     */
    Result send(Hop hop, Envelope e, byte[] prefix, Transport.MessageSource message) throws IOException {
        InetSocketAddress to = hop.address();
        String key = to.getHostString() + ":" + to.getPort();
        if (idle != null) {
            SmtpClient reused;
            while ((reused = idle.take(key)) != null) {
                boolean alive;
                try {
                    alive = reused.command("RSET").success();
                } catch (IOException stale) {
                    alive = false;
                }
                if (alive) {
                    return new Result(finish(reused, key, e, prefix, message), Optional.empty());
                }
                IdleConnections.closeQuietly(reused);
            }
        }
        SmtpClient c = SmtpClient.connect(to, timeout);
        try {
            Optional<Refusal> refused = open(c, hop);
            if (refused.isPresent()) {
                IdleConnections.closeQuietly(c);
                return new Result(all(e.recipients(), refused.get().reply()), refused);
            }
        } catch (IOException | RuntimeException x) {
            IdleConnections.closeQuietly(c);
            throw x;
        }
        return new Result(finish(c, key, e, prefix, message), Optional.empty());
    }

    /** TLS, greeting, EHLO, STARTTLS, AUTH: empty when the session is ready for MAIL, else why it is not. */
    private Optional<Refusal> open(SmtpClient c, Hop hop) throws IOException {
        String host = hop.address().getHostString();
        if (hop.security() == Security.IMPLICIT) {
            Optional<Refusal> failed = handshake(c, hop, host);
            if (failed.isPresent()) {
                return failed;
            }
        }
        Reply r = c.reply();
        if (r.code() != 220) {
            return refusal(Stage.GREETING, r);
        }
        r = c.ehlo(heloName);
        if (!r.success()) {
            return refusal(Stage.GREETING, r);
        }
        if (hop.security() != Security.IMPLICIT) {
            boolean offered = hop.tls().isPresent() && c.supports("STARTTLS");
            if (!offered && hop.security() == Security.STARTTLS) {
                return Optional.of(new Refusal(Stage.NO_STARTTLS, new Reply(451, "4.7.0 next hop offers no"
                        + " STARTTLS, which is required; nothing sent"), "not in its EHLO reply"));
            }
            if (offered) {
                r = c.command("STARTTLS");
                if (r.code() != 220) {
                    if (hop.security() == Security.STARTTLS) {
                        return Optional.of(new Refusal(Stage.NO_STARTTLS, new Reply(451, "4.7.0 next hop refused"
                                + " STARTTLS, which is required; nothing sent: " + r), "STARTTLS answered " + r));
                    }
                    return refusal(Stage.GREETING, r);
                }
                Optional<Refusal> failed = hop.security() == Security.STARTTLS ? handshake(c, hop, host)
                        : opportunisticHandshake(c, hop, host);
                if (failed.isPresent()) {
                    return failed;
                }
                r = c.ehlo(heloName);
                if (!r.success()) {
                    return refusal(Stage.GREETING, r);
                }
            }
        }
        if (hop.auth().isPresent()) {
            Credentials login = hop.auth().get();
            Set<String> offered = c.authMechanisms();
            if (offered.contains("PLAIN") || (offered.isEmpty() && hop.security() == Security.OPPORTUNISTIC)) {
                r = c.authPlain(login.user(), login.password());
            } else if (offered.contains("LOGIN")) {
                r = c.authLogin(login.user(), login.password());
            } else {
                String what = "offers neither AUTH PLAIN nor AUTH LOGIN"
                        + (offered.isEmpty() ? "" : " (only " + String.join(" ", offered) + ")");
                return Optional.of(new Refusal(Stage.NO_AUTH_MECHANISM, new Reply(451, "4.7.0 next hop " + what
                        + "; nothing sent"), what));
            }
            if (r.code() != 235) {
                return Optional.of(new Refusal(Stage.LOGIN_REFUSED,
                        r.permanent() ? new Reply(451, "4.7.0 next hop refused our AUTH: " + r) : r, r.toString()));
            }
        }
        return Optional.empty();
    }

    /** The handshake of a hop whose TLS is required: a failure is a refusal (nothing was sent), not "unreachable". */
    private static Optional<Refusal> handshake(SmtpClient c, Hop hop, String host) throws IOException {
        try {
            c.handshake(hop.tls().orElseThrow(), host);
            return Optional.empty();
        } catch (SSLException x) {
            boolean certificate = causedByCertificate(x);
            return Optional.of(new Refusal(Stage.TLS, new Reply(451, "4.7.0 " + (certificate
                    ? "next hop's certificate not verified" : "TLS handshake with the next hop failed")
                    + "; nothing sent"), (certificate ? "certificate not verified: " : "") + x.getMessage()));
        }
    }

    /** Opportunistic STARTTLS: a failed handshake leaves the connection unusable, so the hop counts as unreachable. */
    private static Optional<Refusal> opportunisticHandshake(SmtpClient c, Hop hop, String host) throws IOException {
        c.handshake(hop.tls().orElseThrow(), host);
        return Optional.empty();
    }

    private static boolean causedByCertificate(Throwable x) {
        for (Throwable t = x; t != null; t = t.getCause()) {
            if (t instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Refusal> refusal(Stage stage, Reply reply) {
        return Optional.of(new Refusal(stage, reply, reply.toString()));
    }

    /** Runs the transaction; then parks the session for reuse or ends it. */
    private Map<String, Reply> finish(SmtpClient c, String key, Envelope e, byte[] prefix,
                                      Transport.MessageSource message) throws IOException {
        Map<String, Reply> result;
        try {
            result = transaction(c, e, prefix, message);
        } catch (IOException | RuntimeException x) {
            IdleConnections.closeQuietly(c);
            throw x;
        }
        if (idle == null || !idle.park(key, c)) {
            c.quit();
            IdleConnections.closeQuietly(c);
        }
        return result;
    }

    private Map<String, Reply> transaction(SmtpClient c, Envelope e, byte[] prefix, Transport.MessageSource message)
            throws IOException {
        Reply r = c.command("MAIL FROM:<" + e.sender() + ">");
        if (!r.success()) {
            return all(e.recipients(), r);
        }
        Map<String, Reply> result = new LinkedHashMap<>();
        boolean any = false;
        for (String rcpt : e.recipients()) {
            Reply rr = c.command("RCPT TO:<" + rcpt + ">");
            result.put(rcpt, rr);
            any |= rr.success();
        }
        if (!any) {
            c.command("RSET");
            return result;
        }
        Reply end;
        try (InputStream in = message.open()) {
            end = c.data(prefix, in);
        }
        for (Map.Entry<String, Reply> x : result.entrySet()) {
            if (x.getValue().success()) {
                x.setValue(end);
            }
        }
        return result;
    }

    static Map<String, Reply> all(List<String> recipients, Reply r) {
        Map<String, Reply> m = new LinkedHashMap<>();
        recipients.forEach(x -> m.put(x, r));
        return m;
    }
}
