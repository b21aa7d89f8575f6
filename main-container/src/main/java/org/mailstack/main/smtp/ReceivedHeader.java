package org.mailstack.main.smtp;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;

import org.mailstack.core.mail.TraceFields;

/**
 * The trace header this relay adds (RFC 5321 §4.4): client name as it said in EHLO, its address, our name, the
 * protocol (RFC 3848: ESMTP, ESMTPS, ESMTPSA) and the queue id, written by core's {@link TraceFields}, which also
 * cleans the EHLO argument (client input) so it can neither break the header nor fake a comment. SubEthaSMTP's own
 * header is disabled because it resolves the client address in reverse DNS for every message.
 */
final class ReceivedHeader {
    private ReceivedHeader() {
    }

    static byte[] of(String helo, SocketAddress client, String hostname, boolean tls, boolean auth, String id,
                     ZonedDateTime now) {
        String ip = client instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : "unknown";
        return TraceFields.received(helo, ip, hostname, TraceFields.protocol(tls, auth), id, null, now)
                .getBytes(StandardCharsets.US_ASCII);
    }
}
