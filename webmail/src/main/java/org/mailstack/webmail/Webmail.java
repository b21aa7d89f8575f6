package org.mailstack.webmail;

import io.javalin.Javalin;
import java.time.Clock;
import org.mailstack.webmail.mail.MailConnector;
import org.mailstack.webmail.mail.adapter.JakartaMailConnector;
import org.mailstack.webmail.session.SessionStore;
import org.mailstack.webmail.web.WebServer;

/**
 * The running webmail. Start it with {@link #start(WebmailConfig)}; {@link #stop()} ends every session (closing
 * its IMAP connection and forgetting its credentials) and stops the server.
 *
 * <pre>{@code
 * Webmail webmail = Webmail.start(WebmailConfig.builder()
 *         .bind("0.0.0.0", 8443).https(tlsMaterial.sslContext()).mailDomain("example.test")
 *         .imapRoute(account -> imapEndpointOf(account))
 *         .submissionRoute(account -> submissionEndpoint)
 *         .build());
 * }</pre>
 */
public final class Webmail implements AutoCloseable {
    private final Javalin app;
    private final SessionStore sessions;

    private Webmail(Javalin app, SessionStore sessions) {
        this.app = app;
        this.sessions = sessions;
    }

    public static Webmail start(WebmailConfig config) {
        return start(config, new JakartaMailConnector(), Clock.systemUTC());
    }

    static Webmail start(WebmailConfig config, MailConnector connector, Clock clock) {
        SessionStore sessions = new SessionStore(config.idleTimeout(), config.absoluteTimeout(), clock);
        try {
            Javalin app = WebServer.start(config.bindAddress(), config.port(),
                    config.plainHttp() ? null : config.sslContext(), config.mailDomain(), config.imapRoute(),
                    config.submissionRoute(), config.loginLimiter(), config.pageSize(), connector, sessions);
            return new Webmail(app, sessions);
        } catch (RuntimeException e) {
            sessions.close();
            throw e;
        }
    }

    /** The port the server listens on (useful when started on port 0). */
    public int port() {
        return app.port();
    }

    /** Signed-in sessions right now. */
    public int activeSessions() {
        return sessions.size();
    }

    public void stop() {
        try {
            app.stop();
        } finally {
            sessions.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
