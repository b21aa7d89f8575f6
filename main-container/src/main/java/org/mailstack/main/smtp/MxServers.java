package org.mailstack.main.smtp;

import java.util.concurrent.TimeUnit;

import org.mailstack.main.config.Config;
import org.subethamail.smtp.MessageHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;

/** Builds the SMTP listeners with the settings every one of them shares (banner name, timeouts, limits). */
public final class MxServers {
    /** Banner software name; without it SubEthaSMTP announces "SubEthaSMTP null". */
    static final String SOFTWARE = "mailstack ESMTP";

    private MxServers() {
    }

    /** The MX on {@code ports.smtp}: no AUTH required, STARTTLS added by later steps. */
    public static SmtpListener mx(Config config, MessageHandlerFactory handlers) {
        SMTPServer server = base(config, config.ports().smtp())
                .messageHandlerFactory(handlers)
                .serverThreadName("mx")
                .build();
        return new SmtpListener("MX", server);
    }

    static SMTPServer.Builder base(Config config, int port) {
        Config.Limits limits = config.limits();
        return SMTPServer.port(port)
                .hostName(config.hostname())
                .softwareName(SOFTWARE)
                .maxConnections(limits.maxConnections())
                .maxRecipients(limits.maxRecipients())
                .maxMessageSize((int) Math.min(Integer.MAX_VALUE, limits.maxMessageBytes()))
                .connectionTimeout(5, TimeUnit.MINUTES)
                .insertReceivedHeaders();
    }
}
