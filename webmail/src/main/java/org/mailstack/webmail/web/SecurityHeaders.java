package org.mailstack.webmail.web;

import io.javalin.http.Context;

/**
 * Response headers that hold on every page (CSP Level 3, W3C; Referrer-Policy; RFC 7034 X-Frame-Options), and the
 * stricter ones for the sandboxed message body and for downloads.
 */
final class SecurityHeaders {
    /** The application's pages: no script at all, nothing from elsewhere, never framed. */
    static final String PAGE_CSP = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-src 'self'; frame-ancestors 'none'; img-src 'self' data:; style-src 'self'";
    /** The message body: no script, inline CSS that the sanitiser kept, images only as the user allowed. */
    static final String BODY_CSP = "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; "
            + "img-src data:%s; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; "
            + "sandbox allow-popups allow-popups-to-escape-sandbox";
    /** A download: nothing in it may run even if a browser renders it. */
    static final String DOWNLOAD_CSP = "default-src 'none'; sandbox";

    private SecurityHeaders() {
    }

    static void page(Context ctx, boolean https) {
        ctx.header("Content-Security-Policy", PAGE_CSP);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
        if (https) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
    }

    static void messageBody(Context ctx, boolean remoteImages) {
        ctx.header("Content-Security-Policy", String.format(BODY_CSP, remoteImages ? " https: http:" : ""));
        ctx.header("X-Frame-Options", "SAMEORIGIN");
    }

    static void download(Context ctx) {
        ctx.header("Content-Security-Policy", DOWNLOAD_CSP);
    }
}
