package org.mailstack.smtp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The argument of MAIL and RCPT (RFC 5321 section 4.1.2): {@code FROM:<path>} or {@code TO:<path>}, then ESMTP
 * parameters {@code keyword[=value]} separated by spaces. The path must be in angle brackets; what is inside is
 * passed on as it is (the handlers check addresses). Parameter keywords are returned in upper case.
 *
 * @param address what stood between {@code <} and {@code >}
 * @param parameters keyword to value ({@code null} for a keyword without one), in the order given
 */
record EnvelopeArgument(String address, Map<String, String> parameters) {

    /** The argument does not follow the grammar; the caller answers {@code 501}. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed() {
            super(null, null, false, false);
        }
    }

    /**
     * @param argument the command line after the verb, e.g. {@code " FROM:<a@b.example> SIZE=100"}
     * @param keyword {@code "FROM:"} or {@code "TO:"}
     */
    static EnvelopeArgument parse(String argument, String keyword) throws Malformed {
        String s = argument.stripLeading();
        if (!s.regionMatches(true, 0, keyword, 0, keyword.length())) {
            throw new Malformed();
        }
        s = s.substring(keyword.length()).stripLeading();
        int close = s.indexOf('>');
        if (!s.startsWith("<") || close < 0) {
            throw new Malformed();
        }
        String address = s.substring(1, close);
        String rest = s.substring(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(" ")) {
            throw new Malformed();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String p : rest.trim().split(" +")) {
            if (!p.isEmpty()) {
                parameter(p, parameters);
            }
        }
        return new EnvelopeArgument(address, Collections.unmodifiableMap(parameters));
    }

    /** {@code esmtp-keyword ["=" esmtp-value]}; a keyword given twice is malformed. */
    private static void parameter(String p, Map<String, String> into) throws Malformed {
        int eq = p.indexOf('=');
        String keyword = (eq < 0 ? p : p.substring(0, eq)).toUpperCase(Locale.ROOT);
        String value = eq < 0 ? null : p.substring(eq + 1);
        if (!keyword.matches("[A-Z0-9][A-Z0-9-]*") || value != null && (value.isEmpty() || value.indexOf('=') >= 0)
                || into.containsKey(keyword)) {
            throw new Malformed();
        }
        into.put(keyword, value);
    }
}
