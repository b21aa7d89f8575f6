package org.mailstack.webmail.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import org.mailstack.core.text.SafeText;

/**
 * Safe download headers for attachments: {@code Content-Disposition: attachment} with an ASCII fallback name and
 * the UTF-8 name (RFC 6266 §4.3, RFC 8187), and a content type that cannot make a browser run anything.
 */
final class Downloads {
    private static final Set<String> ACTIVE = Set.of("text/html", "application/xhtml+xml", "image/svg+xml",
            "text/xml", "application/xml", "text/javascript", "application/javascript", "text/xsl",
            "application/x-shockwave-flash", "application/pdf", "multipart/x-mixed-replace", "text/cache-manifest");

    private Downloads() {
    }

    /** A file name with no path, no control, hidden or quoting characters, not empty, at most 150 characters. */
    static String safeName(String name) {
        String n = name == null ? "" : name;
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
        n = SafeText.replaced(n, '_', Integer.MAX_VALUE).replaceAll("[\"*:<>?|;%]", "_").strip();
        n = n.replaceAll("^\\.+", "");
        if (n.isEmpty()) {
            n = "attachment";
        }
        return n.length() > 150 ? n.substring(0, 150) : n;
    }

    static String disposition(String name) {
        String safe = safeName(name);
        String ascii = safe.replaceAll("[^\\x20-\\x7e]", "_").replace("\\", "_");
        String encoded = URLEncoder.encode(safe, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** The declared type when it is well-formed and passive; {@code application/octet-stream} otherwise. */
    static String contentType(String declared) {
        String t = declared == null ? "" : declared.toLowerCase(Locale.ROOT).strip();
        if (!t.matches("[a-z0-9.+-]+/[a-z0-9.+-]+") || ACTIVE.contains(t) || t.contains("script")) {
            return "application/octet-stream";
        }
        return t;
    }
}
