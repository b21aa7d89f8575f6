package org.mailstack.user.smtp;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.mailstack.user.delivery.LogText;

/**
 * The header fields this final hop prepends: {@code Return-Path} (RFC 5321 section 4.4), {@code Delivered-To}
 * (the loop-detection field of qmail and Postfix) and a {@code Received} trace field (RFC 5321 section 4.4, with
 * RFC 3848 protocol names). Peer-supplied parts are cleaned of control characters and bounded in length.
 */
final class TraceHeaders {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private TraceHeaders() {}

    /**
     * @param sender the reverse-path ("" for bounces)
     * @param recipient the address the message is delivered to
     * @param helo what the client said in EHLO/HELO, or null
     * @param peer the client's IP address as text
     * @param host this receiver's host name
     * @param protocol "ESMTP", "ESMTPA", "ESMTPS" or "ESMTPSA" (RFC 3848)
     * @param id the session id
     */
    static byte[] build(String sender, String recipient, String helo, String peer, String host, String protocol,
                        String id, ZonedDateTime now) {
        String text = "Return-Path: <" + clean(sender) + ">\r\n"
                + "Delivered-To: " + clean(recipient) + "\r\n"
                + "Received: from " + token(helo) + " ([" + clean(peer) + "])\r\n"
                + "\tby " + host + " (mailstack) with " + protocol + " id " + token(id) + "\r\n"
                + "\tfor <" + clean(recipient) + ">; " + DATE.format(now) + "\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String clean(String text) {
        return LogText.clean(text).replace('<', '?').replace('>', '?');
    }

    private static String token(String text) {
        String cleaned = clean(text == null || text.isBlank() ? "unknown" : text).replace(' ', '_');
        return cleaned.replace('(', '?').replace(')', '?').replace(';', '?');
    }
}
