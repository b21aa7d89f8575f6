package org.mailstack.core.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address written as text, parsed without ever asking DNS: dotted-quad IPv4 or an IPv6 literal (brackets and a
 * zone suffix are dropped). Anything else is empty.
 */
public final class IpLiteral {
    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiteral() {
    }

    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.length() > 64) {
            return Optional.empty();
        }
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int zone = t.indexOf('%');
        if (zone >= 0) {
            t = t.substring(0, zone);
        }
        boolean v6 = t.indexOf(':') >= 0 && V6.matcher(t).matches();
        if (!v6 && !V4.matcher(t).matches()) {
            return Optional.empty();
        }
        try {
            // a literal of either form: getByName parses it and sends nothing to DNS
            return Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
