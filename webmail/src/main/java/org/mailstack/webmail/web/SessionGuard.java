package org.mailstack.webmail.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.SameSite;
import org.mailstack.webmail.session.SessionStore;
import org.mailstack.webmail.session.Tokens;
import org.mailstack.webmail.session.WebSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the request's session from its cookie and checks CSRF on every change. The cookie is {@code HttpOnly},
 * {@code Secure}, {@code SameSite=Strict} and {@code __Host-} prefixed (RFC 6265bis §4.1.3.2); the CSRF token is
 * per session and compared in constant time, and a cross-origin {@code Origin} header is refused as well.
 */
final class SessionGuard {
    static final String COOKIE = "__Host-webmail";
    static final String PRE_LOGIN_COOKIE = "__Host-webmail-login";
    static final String CSRF_FIELD = "csrf";
    private static final Logger LOG = LoggerFactory.getLogger(SessionGuard.class);

    private final SessionStore sessions;

    SessionGuard(SessionStore sessions) {
        this.sessions = sessions;
    }

    /** The signed-in session, or {@link SignInRequired}. */
    WebSession require(Context ctx) {
        return sessions.find(ctx.cookie(COOKIE)).orElseThrow(SignInRequired::new);
    }

    /** The signed-in session of a state-changing request whose CSRF token and origin are right. */
    WebSession requireChange(Context ctx) {
        checkOrigin(ctx);
        WebSession session = require(ctx);
        if (!Tokens.same(session.csrfToken(), ctx.formParam(CSRF_FIELD))) {
            LOG.warn("CSRF token missing or wrong for {} from {}", session.address(), ctx.ip());
            throw new ForbiddenResponse("The form has expired. Go back, reload the page and try again.");
        }
        return session;
    }

    /**
     * A request from a page of another origin is refused whatever it carries: by Fetch Metadata
     * ({@code Sec-Fetch-Site}) when the browser sends it, and by {@code Origin}. An {@code Origin} of {@code null}
     * is what browsers send under {@code Referrer-Policy: no-referrer}; it proves nothing either way, and the CSRF
     * token still decides.
     */
    static void checkOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new ForbiddenResponse("Cross-site requests are not accepted.");
        }
        String origin = ctx.header("Origin");
        if (origin == null || origin.equals("null")) {
            return;
        }
        String host = ctx.header("Host");
        String expected = ctx.scheme() + "://" + host;
        if (host == null || !origin.equalsIgnoreCase(expected)) {
            throw new ForbiddenResponse("Cross-site requests are not accepted.");
        }
    }

    static void setCookie(Context ctx, String name, String value, int maxAge) {
        Cookie cookie = new Cookie(name, value, "/", maxAge, true, true, null, SameSite.STRICT);
        ctx.cookie(cookie);
    }

    static void clearCookie(Context ctx, String name) {
        setCookie(ctx, name, "", 0);
    }

    /** Thrown when a page needs a session and the request has none (or an expired one). */
    static final class SignInRequired extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SignInRequired() {
            super("sign-in required", null, false, false);
        }
    }
}
