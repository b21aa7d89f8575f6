package org.mailstack.user.smtp;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.mailstack.core.text.SafeText;
import org.mailstack.user.auth.RelayCredentials;
import org.mailstack.user.delivery.DeliveryAgent;
import org.mailstack.smtp.SmtpCommands;
import org.mailstack.smtp.StartTlsSockets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.PlainAuthenticationHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The user container's SMTP receiver (RFC 5321) on port 2525, which only the main container's relay may use:
 * every mail command requires {@code AUTH PLAIN} as the relay (RFC 4954, RFC 4616; ADR 0002). STARTTLS
 * (RFC 3207) is offered when TLS material is available.
 *
 * <p>The commands are the project's SMTP table ({@link SmtpCommands}, shared with the MX): strict MAIL and RCPT,
 * DATA and BDAT that end the transaction also after a refusal and never deliver a body cut off by a disconnect,
 * STARTTLS neither offered nor taken inside TLS, a command budget per session. The sender's syntax is checked by {@link ReceiverHandler} with {@link AccountAddresses#isReversePath}; size, bare
 * CR/LF, NUL and line length by core's content rule, the one the MX applies before it accepts a message.
 * SubEthaSMTP's own Received header is off in favour of {@link TraceHeaders}.
 *
 * <p>This class is the user container's one adapter to SubEthaSMTP's server: it alone builds the server, its
 * authentication and its TLS, and hands the command table to the {@code smtp} module, which alone uses SubEthaSMTP's
 * {@code internal} packages (the commands it replaces have no public API). {@link ReceiverHandler} sees only the
 * public {@code MessageHandler} API; what that API does not say (whether STARTTLS was done) it asks the {@code smtp}
 * module's {@link org.mailstack.smtp.SmtpSessions}. So an upgrade of SubEthaSMTP, whose server and internal classes
 * change between versions, touches this class and the {@code smtp} module only.
 */
public final class SmtpReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpReceiver.class);

    private final SMTPServer server;

    /**
     * @param bind address to listen on, or null for all
     * @param port 2525 in the container, 0 for an ephemeral port in tests
     * @param hostName this account's host name, {@code <user>.<domain>}
     * @param tls the context for STARTTLS, or empty to offer none
     */
    public SmtpReceiver(InetAddress bind, int port, String hostName, AccountAddresses addresses,
                        RelayCredentials relay, DeliveryAgent agent, long maxMessageBytes, Path spoolDir,
                        Optional<SSLContext> tls) {
        SMTPServer.Builder builder = SMTPServer.port(port)
                .bindAddress(Optional.ofNullable(bind))
                .hostName(hostName)
                .softwareName("mailstack")
                .messageHandlerFactory(ctx -> new ReceiverHandler(ctx, addresses, agent, maxMessageBytes, spoolDir))
                .authenticationHandlerFactory(new PlainAuthenticationHandlerFactory((user, password, ctx) -> {
                    if (!relay.check(user, password)) {
                        LOG.warn("failed relay login as '{}' from {}", SafeText.logLine(user), ctx.getRemoteAddress());
                        throw new LoginFailedException();
                    }
                }))
                .requireAuth(true)
                .insertReceivedHeaders(false)
                .maxMessageSize((int) Math.min(Integer.MAX_VALUE, maxMessageBytes))
                .maxConnections(64)
                .maxRecipients(100)
                .connectionTimeout(2, TimeUnit.MINUTES);
        tls.ifPresent(context -> builder.enableTLS(true).startTlsSocketFactory(StartTlsSockets.from(context)));
        server = builder.build();
        SmtpCommands.install(server);
    }

    public void start() {
        server.start();
        LOG.info("SMTP receiver listening on port {}", port());
    }

    /** Closes the listener and the open sessions; deliveries already reading their body finish first. */
    public void stop() {
        server.stop();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getPort() == 0 ? server.getPortAllocated() : server.getPort();
    }
}
