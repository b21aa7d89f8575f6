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

    SmtpDelivery(String heloName, Duration timeout) {
        this.heloName = heloName;
        this.timeout = timeout;
    }

    Map<String, Reply> send(InetSocketAddress to, Optional<SSLSocketFactory> tls, boolean requireTls,
                            Optional<Credentials> auth, Envelope e, byte[] prefix, Transport.MessageSource message)
            throws IOException {
        try (SmtpClient c = SmtpClient.connect(to, timeout)) {
            Reply r = c.reply();
            if (r.code() != 220) {
                return all(e.recipients(), r);
            }
            r = c.ehlo(heloName);
            if (!r.success()) {
                return all(e.recipients(), r);
            }
            if (tls.isPresent() && c.supports("STARTTLS")) {
                r = c.startTls(tls.get(), to.getHostString());
                if (r.code() != 220) {
                    return all(e.recipients(), r);
                }
                r = c.ehlo(heloName);
                if (!r.success()) {
                    return all(e.recipients(), r);
                }
            } else if (requireTls) {
                return all(e.recipients(), Reply.temporary("next hop does not offer STARTTLS"));
            }
            if (auth.isPresent()) {
                r = c.authPlain(auth.get().user(), auth.get().password());
                if (r.code() != 235) {
                    return all(e.recipients(), r.permanent() ? new Reply(451, "4.7.0 next hop refused our AUTH: "
                            + r.text()) : r);
                }
            }
            Map<String, Reply> result = transaction(c, e, prefix, message);
            c.quit();
            return result;
        }
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
