package org.mailstack.main.filter;

import java.util.Locale;
import java.util.Optional;

/**
 * The authserv-id of {@code Authentication-Results} fields (RFC 8601 section 2.2): the leading
 * {@code [CFWS] authserv-id [CFWS authres-version] ";"}. It names the host that did the checks, and a reader trusts
 * only fields carrying its own border's id; so this relay removes incoming fields that claim its name before it adds
 * its own (section 5), and writes rspamd's results under its own name whatever rspamd called itself.
 */
final class AuthResults {
    private AuthResults() {
    }

    /** The authserv-id of a field value (quotes removed), or empty when the value does not start with one. */
    static Optional<String> authservId(String value) {
        String v = Text.printable(value, 4096);
        int i = skipCfws(v, 0);
        if (i >= v.length()) {
            return Optional.empty();
        }
        if (v.charAt(i) == '"') {
            StringBuilder sb = new StringBuilder();
            for (i++; i < v.length() && v.charAt(i) != '"'; i++) {
                if (v.charAt(i) == '\\' && i + 1 < v.length()) {
                    i++;
                }
                sb.append(v.charAt(i));
            }
            return sb.length() == 0 ? Optional.empty() : Optional.of(sb.toString());
        }
        int start = i;
        while (i < v.length() && " ;(\"".indexOf(v.charAt(i)) < 0) {
            i++;
        }
        String id = v.substring(start, i);
        // "dkim=pass" first: no authserv-id at all (a malformed field, or rspamd without a name for us)
        return id.isEmpty() || id.contains("=") ? Optional.empty() : Optional.of(id);
    }

    /** Whether a field value claims to come from {@code hostname} (case-insensitive, a trailing dot ignored). */
    static boolean claims(String value, String hostname) {
        return authservId(value).map(id -> normal(id).equals(normal(hostname))).orElse(false);
    }

    /**
     * rspamd's value under our authserv-id: one line, its own id (rspamd names its own host) replaced by
     * {@code hostname}, or {@code hostname} put first when the value has none; {@code none} when it reports nothing.
     */
    static String ours(String rspamdValue, String hostname) {
        String v = Text.printable(rspamdValue, 8192);
        String results = v;
        if (authservId(v).isPresent()) {
            int semi = v.indexOf(';');
            results = semi < 0 ? "" : v.substring(semi + 1).strip();
        }
        return hostname + "; " + (results.isEmpty() ? "none" : results);
    }

    private static String normal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** Skips white space and (nested) comments. */
    private static int skipCfws(String v, int i) {
        int depth = 0;
        for (; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == '\\' && depth > 0) {
                i++;
            } else if (depth == 0 && c != ' ' && c != '\t') {
                break;
            }
        }
        return i;
    }
}
