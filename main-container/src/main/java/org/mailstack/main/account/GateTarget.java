package org.mailstack.main.account;

import java.util.regex.Pattern;

/**
 * The request target the directory gate lets through, checked as the literal text it forwards: the engine gets these
 * exact characters, so nothing here is decoded, normalised or resolved. An origin-form target (RFC 9112 section 3.2.1)
 * whose path is one of {@code /_ping}, {@code /version}, {@code /services}, optionally under {@code /v1.NN}; with no
 * percent-escape, dot segment, empty segment, {@code ;} or backslash in the path, since none of those spellings match.
 * A query only on {@code /services} (the account directory's label filter), of
 * {@code [A-Za-z0-9._~%=&+-]}, whose percent-escapes decode to printable ASCII.
 */
final class GateTarget {
    private static final Pattern PATH = Pattern.compile("/(v1\\.[0-9]{2}/)?(services|_ping|version)");
    private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9._~%=&+-]*");

    private GateTarget() {
    }

    /** The target unchanged when it may pass. */
    static String validated(String target) throws GateRefusal {
        if (!target.startsWith("/")) {
            throw GateRefusal.notAllowed("a target that is not a path (absolute-form, authority-form or *)");
        }
        int mark = target.indexOf('?');
        String path = mark < 0 ? target : target.substring(0, mark);
        if (!PATH.matcher(path).matches()) {
            throw GateRefusal.notAllowed("a path not on the allow-list");
        }
        if (mark >= 0) {
            validateQuery(path, target.substring(mark + 1));
        }
        return target;
    }

    private static void validateQuery(String path, String query) throws GateRefusal {
        if (!path.endsWith("/services")) {
            throw GateRefusal.notAllowed("a query outside /services");
        }
        if (!QUERY.matcher(query).matches()) {
            throw GateRefusal.notAllowed("a query character outside [A-Za-z0-9._~%=&+-]");
        }
        for (int i = query.indexOf('%'); i >= 0; i = query.indexOf('%', i + 3)) {
            int high = i + 2 < query.length() ? Character.digit(query.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(query.charAt(i + 2), 16);
            int decoded = high * 16 + low;
            if (low < 0 || decoded < 0x20 || decoded > 0x7e) {
                throw GateRefusal.malformed("a percent-escape that is not %XX of a printable byte");
            }
        }
    }
}
