package org.mailstack.smtp;

import java.io.IOException;
import java.util.List;

import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * EHLO and HELO (RFC 5321 section 4.1.1.1). The argument must be one host name or address literal; it is written
 * into Received headers, so anything else is {@code 501 5.5.2}. The EHLO reply lists STARTTLS only while the
 * session is not encrypted yet (RFC 3207 section 4.2: it must not be offered again), and AUTH once TLS is on where
 * the listener requires TLS, as SubEthaSMTP did.
 */
final class HelloCommand extends BaseCommand {
    private static final int MAX_NAME = 255;
    private final boolean extended;

    HelloCommand(boolean extended) {
        super(extended ? "EHLO" : "HELO", "Introduce yourself.", "<hostname>");
        this.extended = extended;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        String[] args = getArgs(commandString);
        if (args.length < 2) {
            session.sendResponse("501 5.5.4 Syntax: " + getName() + " hostname");
            return;
        }
        if (args.length > 2 || !isHostArgument(args[1])) {
            session.sendResponse("501 5.5.2 Invalid " + getName() + " hostname");
            return;
        }
        session.resetMailTransaction();
        session.setHelo(args[1]);
        SMTPServer server = session.getServer();
        session.sendResponse(extended ? extensions(session, server) : "250 " + server.getHostName());
    }

    /**
     * A domain (letters, digits, hyphens, dots; underscores and colons too, which some clients' machine names and
     * bare IPv6 addresses have) or an address literal ({@code [192.0.2.1]}, {@code [IPv6:2001:db8::1]}).
     */
    static boolean isHostArgument(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        if (name.startsWith("[")) {
            return name.matches("\\[(IPv6:[0-9A-Fa-f:.]+|[0-9.]+)]");
        }
        return name.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_'
                || c == ':');
    }

    private static String extensions(Session session, SMTPServer server) {
        StringBuilder reply = new StringBuilder("250-").append(server.getHostName());
        reply.append("\r\n250-8BITMIME");
        if (server.getMaxMessageSize() > 0) {
            reply.append("\r\n250-SIZE ").append(server.getMaxMessageSize());
        }
        if (server.getEnableTLS() && !server.getHideTLS() && !session.isTLSStarted()) {
            reply.append("\r\n250-STARTTLS");
        }
        reply.append("\r\n250-CHUNKING");
        reply.append("\r\n250-SMTPUTF8");
        boolean authShown = session.isTLSStarted() || !server.getRequireTLS()
                || server.getShowAuthCapabilitiesBeforeSTARTTLS();
        List<String> mechanisms = server.getAuthenticationHandlerFactory()
                .map(AuthenticationHandlerFactory::getAuthenticationMechanisms).orElse(List.of());
        if (authShown && !mechanisms.isEmpty()) {
            reply.append("\r\n250-AUTH ").append(String.join(" ", mechanisms));
        }
        return reply.append("\r\n250 Ok").toString();
    }
}
