package org.mailstack.webmail.web;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.mailstack.core.account.AccountName;
import org.mailstack.core.auth.LoginLimiter;
import org.mailstack.webmail.mail.InvalidMessageException;
import org.mailstack.webmail.mail.MailConnector;
import org.mailstack.webmail.mail.MailEndpoint;
import org.mailstack.webmail.mail.MailException;
import org.mailstack.webmail.mail.NoSuchMessageException;
import org.mailstack.webmail.session.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Javalin server: connector (HTTPS unless told otherwise), headers on every response, and all routes. */
public final class WebServer {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final long MAX_UPLOAD_MB = 25;

    private WebServer() {
    }

    /**
     * Builds and starts the server; the caller owns {@code sessions} and stops both. The values are those of the
     * webmail's configuration ({@code WebmailConfig}).
     *
     * @param tls the HTTPS server context; {@code null} serves plain HTTP
     */
    public static Javalin start(String bindAddress, int port, SSLContext tls, String mailDomain,
                                Function<AccountName, Optional<MailEndpoint>> imapRoute,
                                Function<AccountName, MailEndpoint> submissionRoute, LoginLimiter loginLimiter,
                                int pageSize, MailConnector connector, SessionStore sessions) {
        SessionGuard guard = new SessionGuard(sessions);
        AuthRoutes auth = new AuthRoutes(mailDomain, imapRoute, submissionRoute, connector, sessions, loginLimiter);
        MailRoutes mail = new MailRoutes(guard, pageSize);
        ComposeRoutes compose = new ComposeRoutes(guard);
        String css = resource("webmail.css");
        boolean https = tls != null;

        Javalin app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.http.maxRequestSize = (MAX_UPLOAD_MB + 5) * 1024 * 1024;
            c.jetty.multipartConfig.maxFileSize(MAX_UPLOAD_MB, SizeUnit.MB);
            c.jetty.multipartConfig.maxTotalRequestSize(MAX_UPLOAD_MB + 5, SizeUnit.MB);
            c.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            c.jetty.modifyHttpConfiguration(h -> h.setSendServerVersion(false));
            connector(c, bindAddress, port, tls);
            c.routes.before(ctx -> SecurityHeaders.page(ctx, https));
            c.routes.get("/", ctx -> ctx.redirect("/mail", HttpStatus.SEE_OTHER));
            c.routes.get("/static/webmail.css", ctx -> css(ctx, css));
            c.routes.get("/login", auth::loginPage);
            c.routes.post("/login", auth::login);
            c.routes.post("/logout", auth::logout);
            c.routes.get("/mail", mail::list);
            c.routes.get("/read", mail::read);
            c.routes.get("/body", mail::body);
            c.routes.get("/part", mail::attachment);
            c.routes.post("/action", mail::action);
            c.routes.post("/folder", mail::createFolder);
            c.routes.get("/compose", compose::compose);
            c.routes.post("/send", compose::send);
            errors(c);
        });
        app.start();
        return app;
    }

    private static void connector(JavalinConfig c, String bindAddress, int port, SSLContext context) {
        if (context == null) {
            c.jetty.host = bindAddress;
            c.jetty.port = port;
            return;
        }
        c.jetty.addConnector((server, httpConfig) -> {
            httpConfig.addCustomizer(new SecureRequestCustomizer(false));
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setSslContext(context);
            ServerConnector https = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                    new HttpConnectionFactory(httpConfig));
            https.setHost(bindAddress);
            https.setPort(port);
            return https;
        });
    }

    private static void errors(JavalinConfig c) {
        c.routes.exception(SessionGuard.SignInRequired.class, (e, ctx) -> ctx.redirect("/login", HttpStatus.SEE_OTHER));
        c.routes.exception(NoSuchMessageException.class, (e, ctx) ->
                errorPage(ctx, HttpStatus.NOT_FOUND, "That message or folder does not exist."));
        c.routes.exception(InvalidMessageException.class, (e, ctx) ->
                errorPage(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        c.routes.exception(MailException.class, (e, ctx) ->
                errorPage(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
        c.routes.exception(HttpResponseException.class, (e, ctx) ->
                errorPage(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage()));
        c.routes.exception(IllegalArgumentException.class, (e, ctx) ->
                errorPage(ctx, HttpStatus.BAD_REQUEST, "That request is not valid."));
        c.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
            errorPage(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong. Try again.");
        });
    }

    private static void errorPage(Context ctx, HttpStatus status, String message) {
        ctx.status(status);
        ctx.html(Pages.error(new Views.Failure(status.getCode(), message)));
    }

    private static void css(Context ctx, String css) {
        ctx.header("Cache-Control", "max-age=3600");
        ctx.contentType("text/css; charset=utf-8");
        ctx.result(css);
    }

    private static String resource(String name) {
        try (InputStream in = WebServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
