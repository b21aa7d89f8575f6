package org.mailstack.main.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSocketFactory;

import org.mailstack.main.address.NextHop;
import org.mailstack.main.queue.Envelope;
import org.mailstack.main.queue.Reply;
import org.mailstack.main.queue.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to another domain: through the {@link Smarthost} when one is configured, else to the domain's MX hosts in
 * preference order (the first that answers decides), with STARTTLS when offered (opportunistic, RFC 7435).
 * Messages from the stack's users are DKIM-signed; DSNs (null sender) too, as mail of the stack's domain.
 */
public final class RemoteTransport implements Transport<NextHop.Remote> {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteTransport.class);
    private final Optional<Smarthost> smarthost;
    private final MxResolver mx;
    private final int mxPort;
    private final SmtpDelivery smtp;
    private final Optional<SSLSocketFactory> tls;
    private final DkimSigner dkim;

    public RemoteTransport(Optional<Smarthost> smarthost, MxResolver mx, int mxPort, String heloName,
                           Optional<SSLSocketFactory> tls, DkimSigner dkim) {
        this.smarthost = smarthost;
        this.mx = mx;
        this.mxPort = mxPort;
        this.smtp = new SmtpDelivery(heloName, Duration.ofMinutes(2), null);
        this.tls = tls;
        this.dkim = dkim;
    }

    @Override
    public Map<String, Reply> deliver(NextHop.Remote to, Envelope e, MessageSource message) {
        byte[] signature;
        try (InputStream in = message.open()) {
            signature = dkim.sign(in);
        } catch (IOException x) {
            LOG.warn("queue entry {}: DKIM signing failed, sending unsigned: {}", e.id(), x.toString());
            signature = new byte[0];
        }
        byte[] prefix = signature;
        if (smarthost.isPresent()) {
            return smarthost.get().deliver(e, prefix, message);
        }
        MxResolver.Result hosts = mx.resolve(to.domain());
        if (hosts.hosts().isEmpty()) {
            Reply r = hosts.permanentFailure()
                    ? new Reply(Integer.parseInt(hosts.reason().substring(0, 3)), hosts.reason().substring(4))
                    : Reply.temporary(hosts.reason());
            return SmtpDelivery.all(e.recipients(), r);
        }
        for (String host : hosts.hosts()) {
            Optional<Map<String, Reply>> r = attempt(new InetSocketAddress(host, mxPort), e, prefix, message);
            if (r.isPresent()) {
                return r.get();
            }
        }
        return SmtpDelivery.all(e.recipients(), Reply.temporary("no MX host of " + to.domain() + " reachable"));
    }

    /** One next hop; empty when it could not be reached at all (try the next MX). */
    private Optional<Map<String, Reply>> attempt(InetSocketAddress to, Envelope e, byte[] prefix,
                                                 MessageSource message) {
        try {
            return Optional.of(smtp.send(new SmtpDelivery.Hop(to, SmtpDelivery.Security.OPPORTUNISTIC, tls,
                    Optional.empty()), e, prefix, message).replies());
        } catch (IOException x) {
            LOG.info("queue entry {}: {} unreachable: {}", e.id(), to.getHostString(), x.toString());
            return Optional.empty();
        }
    }
}
