package org.mailstack.main.smtp;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The trace header this relay adds (RFC 5321 §4.4): client name as it said in EHLO, its address, our name, the
 * protocol (RFC 3848: ESMTP, ESMTPS, ESMTPSA) and the queue id. SubEthaSMTP's own header is disabled because it
 * resolves the client address in reverse DNS for every message. The EHLO argument is client input: reduced to
 * printable ASCII without parentheses, so it can neither break the header nor fake a comment.
 */
final class ReceivedHeader {
    private ReceivedHeader() {
    }

    static byte[] of(String helo, SocketAddress client, String hostname, boolean tls, boolean auth, String id,
                     ZonedDateTime now) {
        String ip = client instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : "unknown";
        String with = "ESMTP" + (tls ? "S" : "") + (auth ? "A" : "");
        String h = "Received: from " + clean(helo) + " ([" + ip + "])\r\n\tby " + hostname + " (mailstack) with "
                + with + " id " + id + ";\r\n\t" + DateTimeFormatter.RFC_1123_DATE_TIME.format(now) + "\r\n";
        return h.getBytes(StandardCharsets.US_ASCII);
    }

    static String clean(String helo) {
        if (helo == null || helo.isEmpty()) {
            return "unknown";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < helo.length() && sb.length() < 100; i++) {
            char c = helo.charAt(i);
            if (c > ' ' && c < 0x7f && c != '(' && c != ')' && c != '\\') {
                sb.append(c);
            }
        }
        return sb.length() == 0 ? "unknown" : sb.toString();
    }
}
