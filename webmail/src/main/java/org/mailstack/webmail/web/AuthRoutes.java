package org.mailstack.webmail.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.MailAddress;
import org.mailstack.core.auth.IpLiteral;
import org.mailstack.core.auth.LoginLimiter;
import org.mailstack.core.auth.LoginVerdict;
import org.mailstack.core.text.SafeText;
import org.mailstack.webmail.mail.MailEndpoint;
import org.mailstack.webmail.mail.AuthenticationFailedException;
import org.mailstack.webmail.mail.MailConnector;
import org.mailstack.webmail.mail.MailException;
import org.mailstack.webmail.mail.Mailbox;
import org.mailstack.webmail.session.SessionStore;
import org.mailstack.webmail.session.Tokens;
import org.mailstack.webmail.session.WebSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in and sign-out. The account is taken only from the address typed, which must be
 * {@code box@<account>.<mailDomain>}; the routes turn that account, and nothing else, into the IMAP and submission
 * endpoints, and the user's own password is the only credential used. Sign-in is under the login limits for the
 * browser's address and that account (ADR 18): refused ({@code 429}) before any check when they say so, otherwise
 * answered after their delay, whatever the outcome.
 */
final class AuthRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AuthRoutes.class);
    private static final String FAILED = "Sign-in failed: check the address and the password.";

    private final String mailDomain;
    private final Function<AccountName, Optional<MailEndpoint>> imapRoute;
    private final Function<AccountName, MailEndpoint> submissionRoute;
    private final MailConnector connector;
    private final SessionStore sessions;
    private final LoginLimiter limiter;

    AuthRoutes(String mailDomain, Function<AccountName, Optional<MailEndpoint>> imapRoute,
               Function<AccountName, MailEndpoint> submissionRoute, MailConnector connector, SessionStore sessions,
               LoginLimiter limiter) {
        this.mailDomain = mailDomain;
        this.imapRoute = imapRoute;
        this.submissionRoute = submissionRoute;
        this.connector = connector;
        this.sessions = sessions;
        this.limiter = limiter;
    }

    void loginPage(Context ctx) {
        showLogin(ctx, "", null);
    }

    void login(Context ctx) {
        SessionGuard.checkOrigin(ctx);
        String typed = Optional.ofNullable(ctx.formParam("address")).orElse("").strip();
        if (!Tokens.same(ctx.cookie(SessionGuard.PRE_LOGIN_COOKIE), ctx.formParam(SessionGuard.CSRF_FIELD))) {
            ctx.status(HttpStatus.FORBIDDEN);
            showLogin(ctx, typed, "The sign-in form expired. Try again.");
            return;
        }
        String ip = ctx.ip();
        InetSocketAddress client = IpLiteral.parse(ctx.req().getRemoteAddr())
                .map(a -> new InetSocketAddress(a, ctx.req().getRemotePort())).orElse(null);
        InetAddress clientIp = client == null ? null : client.getAddress();
        Optional<AccountName> account = account(typed);
        // the account, as every entry point names it, so that all spellings of one account share its failures
        String key = account.map(AccountName::value).orElse(typed.toLowerCase(Locale.ROOT));
        LoginVerdict verdict = limiter.before(clientIp, key);
        if (verdict.refused()) {
            LOG.warn("sign-in refused by the login limits for {} from {}", printable(key), ip);
            ctx.status(HttpStatus.TOO_MANY_REQUESTS);
            showLogin(ctx, typed, "Too many failed sign-ins. Wait a few minutes and try again.");
            return;
        }
        char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
        try {
            verdict.sleep();
            Optional<MailEndpoint> imap = account.flatMap(imapRoute);
            if (imap.isEmpty() || password.length == 0) {
                fail(ctx, clientIp, key, typed, ip);
                return;
            }
            String address = MailAddress.boxOf(account.get(), mailDomain).toString();
            Mailbox mailbox = connector.open(address, password, client, imap.get(),
                    submissionRoute.apply(account.get()));
            limiter.succeeded(clientIp, key);
            sessions.find(ctx.cookie(SessionGuard.COOKIE)).ifPresent(previous -> sessions.end(previous.id()));
            WebSession session = sessions.create(mailbox);
            LOG.info("signed in: {} from {}", address, ip);
            SessionGuard.clearCookie(ctx, SessionGuard.PRE_LOGIN_COOKIE);
            SessionGuard.setCookie(ctx, SessionGuard.COOKIE, session.id(), -1);
            ctx.redirect("/mail", HttpStatus.SEE_OTHER);
        } catch (AuthenticationFailedException e) {
            fail(ctx, clientIp, key, typed, ip);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
            showLogin(ctx, typed, "Your mailbox is not reachable right now. Try again later.");
        } catch (MailException e) {
            LOG.warn("sign-in for {}: mailbox unreachable", printable(key), e);
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
            showLogin(ctx, typed, "Your mailbox is not reachable right now. Try again later.");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * Ends the session the request's cookie names, with or without the form token: the browser forgets its cookie in
     * any case, so a session left alive on the server would be one its user believes closed (and whoever copied the
     * cookie could go on using it). Other sites cannot sign a user out: their posts fail the origin check first, and
     * the cookie is same-site.
     */
    void logout(Context ctx) {
        SessionGuard.checkOrigin(ctx);
        sessions.find(ctx.cookie(SessionGuard.COOKIE)).ifPresent(s -> sessions.end(s.id()));
        SessionGuard.clearCookie(ctx, SessionGuard.COOKIE);
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private void fail(Context ctx, InetAddress clientIp, String key, String typed, String ip) {
        limiter.failed(clientIp, key);
        LOG.info("sign-in failed for {} from {}", printable(key), ip);
        ctx.status(HttpStatus.UNAUTHORIZED);
        showLogin(ctx, typed, FAILED);
    }

    private void showLogin(Context ctx, String typed, String error) {
        String token = Tokens.random();
        SessionGuard.setCookie(ctx, SessionGuard.PRE_LOGIN_COOKIE, token, 3600);
        ctx.html(Pages.login(new Views.Login(token, mailDomain, typed, error)));
    }

    /** The account of {@code box@<account>.<mailDomain>}, or empty for any other address. */
    private Optional<AccountName> account(String typed) {
        try {
            MailAddress address = MailAddress.parse(typed);
            if (!"box".equalsIgnoreCase(address.localPart())) {
                return Optional.empty();
            }
            return address.accountUnder(mailDomain);
        } catch (IllegalArgumentException e) {  // InvalidAddressException included
            return Optional.empty();
        }
    }

    /** For log lines: no CR/LF or other controls from client input, bounded length. */
    static String printable(String s) {
        return SafeText.logLine(s, 100);
    }
}
