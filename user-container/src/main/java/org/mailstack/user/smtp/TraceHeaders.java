package org.mailstack.user.smtp;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;

import org.mailstack.core.mail.TraceFields;

/**
 * The header fields this final hop prepends: {@code Return-Path} (RFC 5321 section 4.4), {@code Delivered-To}
 * (the loop-detection field of qmail and Postfix) and a {@code Received} trace field (RFC 5321 section 4.4, with
 * RFC 3848 protocol names), all written by core's {@link TraceFields}, which cleans every peer-supplied part of
 * control characters and bounds its length.
 */
final class TraceHeaders {
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
        String text = TraceFields.returnPath(sender) + TraceFields.deliveredTo(recipient)
                + TraceFields.received(helo, peer, host, protocol, id, recipient, now);
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
