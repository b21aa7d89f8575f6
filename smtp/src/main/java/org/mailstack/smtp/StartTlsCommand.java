package org.mailstack.smtp;

import java.io.IOException;

import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * STARTTLS (RFC 3207). Inside TLS, whether started here or on an implicit-TLS port, it is {@code 503 5.5.1}: a
 * second negotiation is a protocol error, not the temporary condition SubEthaSMTP's 454 said. A failed handshake
 * ends the session (what follows on the socket is neither TLS nor commands). After a handshake the session starts
 * afresh (RFC 3207 section 4.2); commands the client sent behind STARTTLS in plain text were in the old buffer and
 * are dropped with it.
 */
final class StartTlsCommand extends BaseCommand {
    private static final Logger LOG = LoggerFactory.getLogger(StartTlsCommand.class);

    StartTlsCommand() {
        super("STARTTLS", "Starts TLS on this connection.");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (getArgs(commandString).length != 1) {
            session.sendResponse("501 5.5.4 Syntax: STARTTLS");
            return;
        }
        if (session.isTLSStarted()) {
            session.sendResponse("503 5.5.1 TLS already active");
            return;
        }
        if (!session.getServer().getEnableTLS()) {
            session.sendResponse("502 5.5.1 STARTTLS not offered here");
            return;
        }
        session.sendResponse("220 2.0.0 Ready to start TLS");
        SSLSocket tls;
        try {
            tls = session.getServer().createSSLSocket(session.getSocket());
            tls.startHandshake();
        } catch (IOException e) {
            LOG.info("TLS handshake with {} failed: {}", session.getRemoteAddress().getAddress().getHostAddress(),
                    e.getMessage());
            session.quit();
            return;
        }
        session.setSocket(tls);
        session.resetSmtpProtocol();
        session.setTlsStarted(true);
    }
}
