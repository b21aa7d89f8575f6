package org.mailstack.main.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSocketFactory;

import org.mailstack.main.queue.Envelope;
import org.mailstack.main.queue.Reply;
import org.mailstack.main.queue.Transport;

/**
 * One SMTP client transaction for one queue entry: greeting, EHLO, STARTTLS when offered (and a TLS factory is
 * given), optional AUTH, MAIL, one RCPT per recipient, DATA. The result maps every recipient to the reply that decides
 * its fate; a failure before RCPT gives every recipient the same reply.
 */
final class SmtpDelivery {
    /** AUTH credentials for the next hop. */
    record Credentials(String user, String password) {
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

    Map<String, Reply> send(InetSocketAddress to, Optional<SSLSocketFactory> tls, boolean requireTls,
                            Optional<Credentials> auth, Envelope e, byte[] prefix, Transport.MessageSource message)
            throws IOException {
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
                    return finish(reused, key, e, prefix, message);
                }
                IdleConnections.closeQuietly(reused);
            }
        }
        SmtpClient c = SmtpClient.connect(to, timeout);
        try {
            Optional<Reply> refused = open(c, to, tls, requireTls, auth);
            if (refused.isPresent()) {
                IdleConnections.closeQuietly(c);
                return all(e.recipients(), refused.get());
            }
        } catch (IOException | RuntimeException x) {
            IdleConnections.closeQuietly(c);
            throw x;
        }
        return finish(c, key, e, prefix, message);
    }

    /** Greeting, EHLO, STARTTLS, AUTH: empty when the session is ready for MAIL, else the refusing reply. */
    private Optional<Reply> open(SmtpClient c, InetSocketAddress to, Optional<SSLSocketFactory> tls,
                                 boolean requireTls, Optional<Credentials> auth) throws IOException {
        Reply r = c.reply();
        if (r.code() != 220) {
            return Optional.of(r);
        }
        r = c.ehlo(heloName);
        if (!r.success()) {
            return Optional.of(r);
        }
        if (tls.isPresent() && c.supports("STARTTLS")) {
            r = c.startTls(tls.get(), to.getHostString());
            if (r.code() != 220) {
                return Optional.of(r);
            }
            r = c.ehlo(heloName);
            if (!r.success()) {
                return Optional.of(r);
            }
        } else if (requireTls) {
            return Optional.of(Reply.temporary("next hop does not offer STARTTLS"));
        }
        if (auth.isPresent()) {
            r = c.authPlain(auth.get().user(), auth.get().password());
            if (r.code() != 235) {
                return Optional.of(r.permanent() ? new Reply(451, "4.7.0 next hop refused our AUTH: " + r.text()) : r);
            }
        }
        return Optional.empty();
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
