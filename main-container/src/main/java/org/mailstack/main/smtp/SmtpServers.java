package org.mailstack.main.smtp;

import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLContext;

import org.mailstack.main.config.Config;
import org.mailstack.main.metrics.Metrics;
import org.mailstack.smtp.SmtpCommands;
import org.mailstack.smtp.StartTlsSockets;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;

/** Builds the SMTP listeners with the settings every one of them shares (banner name, timeouts, limits). */
public final class SmtpServers {
    /** Banner software name (the banner reads "220 host ESMTP mailstack"); unset, it says "SubEthaSMTP null". */
    static final String SOFTWARE = "mailstack";

    private SmtpServers() {
    }

    /** The MX on {@code ports.smtp}: STARTTLS offered, no AUTH, so only local recipients are accepted. */
    public static SmtpListener mx(Config config, Inbound inbound, SSLContext tls) {
        return listener("MX", base(config, config.ports().smtp(), "smtp", inbound.metrics())
                .messageHandlerFactory(ctx -> new RelayMessageHandler(inbound, ctx, "smtp", false))
                .enableTLS()
                .startTlsSocketFactory(StartTlsSockets.from(tls))
                .serverThreadName("mx"));
    }

    /**
     * Submission on {@code ports.submission} (RFC 6409): STARTTLS required before AUTH (RFC 3207), AUTH required
     * before MAIL.
     */
    public static SmtpListener submission(Config config, Inbound inbound, SSLContext tls,
                                          AuthenticationHandlerFactory auth) {
        return authenticated(config, inbound, config.ports().submission(), "submission", auth,
                b -> b.enableTLS().requireTLS().startTlsSocketFactory(StartTlsSockets.from(tls)));
    }

    /** Submission over implicit TLS on {@code ports.submissions} (RFC 8314 §3.3); AUTH required before MAIL. */
    public static SmtpListener submissions(Config config, Inbound inbound, SSLContext tls,
                                           AuthenticationHandlerFactory auth) {
        return authenticated(config, inbound, config.ports().submissions(), "submissions", auth,
                b -> b.serverSocketFactory(tls));
    }

    private static SmtpListener authenticated(Config config, Inbound inbound, int port, String name,
                                              AuthenticationHandlerFactory auth,
                                              UnaryOperator<SMTPServer.Builder> tls) {
        SMTPServer.Builder b = base(config, port, name, inbound.metrics())
                .messageHandlerFactory(ctx -> new RelayMessageHandler(inbound, ctx, name, true))
                .requireAuth()
                .authenticationHandlerFactory(auth)
                .serverThreadName(name);
        return listener(name, tls.apply(b));
    }

    /** Builds the server and puts the project's command table in ({@link SmtpCommands}). */
    private static SmtpListener listener(String name, SMTPServer.Builder builder) {
        SMTPServer server = builder.build();
        SmtpCommands.install(server);
        return new SmtpListener(name, server);
    }

    static SMTPServer.Builder base(Config config, int port, String protocol, Metrics metrics) {
        Config.Limits limits = config.limits();
        return SMTPServer.port(port)
                .hostName(config.hostname())
                .softwareName(SOFTWARE)
                .maxConnections(limits.maxConnections())
                // recipients are counted by RelayMessageHandler, which answers 452 4.5.3 (RFC 5321 §4.5.3.1.10)
                .maxRecipients(-1)
                .maxMessageSize((int) Math.min(Integer.MAX_VALUE, limits.maxMessageBytes()))
                .sessionHandler(new CountingSessionHandler(protocol, limits.maxConnectionsPerClient(), metrics))
                .connectionTimeout(5, TimeUnit.MINUTES)
                // RelayMessageHandler writes its own Received header: SubEthaSMTP's does a reverse DNS lookup per message
                .insertReceivedHeaders(false);
    }
}
