package org.mailstack.core.mail;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.mailstack.core.text.SafeText;

/**
 * The trace fields an SMTP server of this stack prepends (RFC 5321 section 4.4): {@code Received} at the MX, the
 * submission listeners and the account's receiver, and {@code Return-Path} and {@code Delivered-To} (the
 * loop-detection field of qmail and Postfix) at the final delivery. Every part a peer chose (the EHLO name, the
 * paths, the session id) is cleaned here, so it can neither start a field of its own, nor open or close a comment, nor
 * end the clauses before the date:
 * <ul>
 *   <li>a name or id ({@code from}, {@code by}, {@code id}, {@code with}) keeps printable ASCII but
 *       {@code ( ) \ ; < >}; every other character becomes {@code ?}; at most 100 characters; {@code unknown} when
 *       empty;</li>
 *   <li>the client's address keeps only the characters of an IPv4 or IPv6 address (a zone after {@code %} is
 *       dropped); anything else is {@code unknown};</li>
 *   <li>a path ({@code Return-Path}, {@code Delivered-To}, {@code for}) goes through {@link SafeText#logLine(Object)},
 *       and its angle brackets become {@code ?}.</li>
 * </ul>
 * The date is RFC 5322's {@code date-time} with a numeric zone. It stays on the line of the last clause while that
 * line keeps within 78 characters (RFC 5322 section 2.1.1), else it is folded onto a line of its own.
 */
public final class TraceFields {
    /** At most this many characters of a name or id a peer chose. */
    static final int MAX_TOKEN = 100;
    private static final int LINE = 78;
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private TraceFields() {
    }

    /** The RFC 3848 protocol name: {@code ESMTP}, with {@code S} after STARTTLS or on TLS, {@code A} after AUTH. */
    public static String protocol(boolean tls, boolean authenticated) {
        return "ESMTP" + (tls ? "S" : "") + (authenticated ? "A" : "");
    }

    /**
     * The {@code Received} field, ending in CRLF.
     *
     * @param helo      what the client said in EHLO or HELO, or null
     * @param client    the client's IP address as text
     * @param by        this server's host name
     * @param protocol  from {@link #protocol}
     * @param id        the queue or session id
     * @param recipient the one recipient for a {@code for} clause, or null for none
     * @param when      the time of receipt
     */
    public static String received(String helo, String client, String by, String protocol, String id,
                                  String recipient, ZonedDateTime when) {
        StringBuilder field = new StringBuilder(256)
                .append("Received: from ").append(token(helo)).append(" ([").append(address(client)).append("])\r\n")
                .append("\tby ").append(token(by)).append(" (mailstack) with ").append(token(protocol))
                .append(" id ").append(token(id));
        if (recipient != null) {
            field.append("\r\n\tfor <").append(path(recipient)).append('>');
        }
        String date = DATE.format(when);
        int lastLine = field.length() - field.lastIndexOf("\n") - 1;
        field.append(lastLine + 2 + date.length() <= LINE ? "; " : ";\r\n\t");
        return field.append(date).append("\r\n").toString();
    }

    /** {@code Return-Path: <reverse-path>} with CRLF; an empty path (a bounce) gives {@code <>}. */
    public static String returnPath(String reversePath) {
        return "Return-Path: <" + path(reversePath) + ">\r\n";
    }

    /** {@code Delivered-To: address} with CRLF. */
    public static String deliveredTo(String recipient) {
        return "Delivered-To: " + path(recipient) + "\r\n";
    }

    /** A name or id a peer chose, as one token of the field. */
    static String token(String text) {
        if (text == null || text.isBlank()) {
            return "unknown";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TOKEN));
        int i = 0;
        while (i < text.length() && out.length() < MAX_TOKEN) {
            int cp = text.codePointAt(i);
            boolean keep = cp > ' ' && cp < 0x7f && "()\\;<>".indexOf(cp) < 0;
            out.append(keep ? (char) cp : '?');
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** The client's address: an IPv4 or IPv6 address without its zone, or {@code unknown}. */
    static String address(String text) {
        if (text == null) {
            return "unknown";
        }
        int zone = text.indexOf('%');
        String a = zone < 0 ? text : text.substring(0, zone);
        return !a.isEmpty() && a.length() <= 45 && a.chars().allMatch(c -> c == '.' || c == ':'
                || Character.digit(c, 16) >= 0 && c < 0x80) ? a : "unknown";
    }

    /** A path a peer gave: no control, hidden character or angle bracket. */
    static String path(String text) {
        return SafeText.logLine(text).replace('<', '?').replace('>', '?');
    }
}
