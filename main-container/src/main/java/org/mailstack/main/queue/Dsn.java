package org.mailstack.main.queue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a delivery status notification (RFC 3464): a {@code multipart/report; report-type=delivery-status}
 * (RFC 6522) with a human-readable part, a {@code message/delivery-status} part (RFC 3464 §2.2 per-message and §2.3
 * per-recipient fields) and the original message's headers as {@code text/rfc822-headers}. Sent from the null
 * reverse path so it can never cause another DSN (RFC 5321 §4.5.5).
 */
public final class Dsn {
    private static final Pattern ENHANCED = Pattern.compile("^([245]\\.\\d{1,3}\\.\\d{1,3})\\b");
    private static final int MAX_HEADERS = 64 * 1024;
    private final String reportingMta;

    /** {@code reportingMta}: this relay's host name. */
    public Dsn(String reportingMta) {
        this.reportingMta = reportingMta;
    }

    /**
     * The DSN for {@code failed} recipients of {@code entry}, each with the last reply seen.
     *
     * @param original the original message, of which only the header section is copied
     */
    public byte[] build(Envelope entry, Map<String, Reply> failed, InputStream original, Instant now)
            throws IOException {
        String boundary = "dsn-" + UUID.randomUUID();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atZone(ZoneOffset.UTC));
        StringBuilder m = new StringBuilder();
        m.append("From: Mail Delivery System <MAILER-DAEMON@").append(reportingMta).append(">\r\n");
        m.append("To: <").append(entry.sender()).append(">\r\n");
        m.append("Subject: Undelivered Mail Returned to Sender\r\n");
        m.append("Date: ").append(date).append("\r\n");
        m.append("Message-ID: <").append(UUID.randomUUID()).append('@').append(reportingMta).append(">\r\n");
        m.append("Auto-Submitted: auto-replied\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"")
                .append(boundary).append("\"\r\n\r\n");
        m.append("This is a MIME-encapsulated message.\r\n\r\n");

        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Type: text/plain; charset=utf-8\r\n\r\n");
        m.append("Your message could not be delivered to the following recipients:\r\n\r\n");
        failed.forEach((rcpt, reply) -> m.append("  <").append(rcpt).append(">: ").append(reply).append("\r\n"));
        m.append("\r\n");

        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Type: message/delivery-status\r\n\r\n");
        m.append("Reporting-MTA: dns; ").append(reportingMta).append("\r\n");
        m.append("X-Queue-ID: ").append(entry.id()).append("\r\n");
        m.append("Arrival-Date: ")
                .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(entry.created().atZone(ZoneOffset.UTC)))
                .append("\r\n");
        failed.forEach((rcpt, reply) -> {
            m.append("\r\n");
            m.append("Final-Recipient: rfc822; ").append(rcpt).append("\r\n");
            m.append("Action: failed\r\n");
            m.append("Status: ").append(status(reply)).append("\r\n");
            m.append("Diagnostic-Code: smtp; ").append(reply).append("\r\n");
            m.append("Last-Attempt-Date: ").append(date).append("\r\n");
        });
        m.append("\r\n");

        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Type: text/rfc822-headers\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(m.toString().getBytes(StandardCharsets.UTF_8));
        out.write(headers(original));
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The RFC 3463 status: the reply's enhanced code when it has one, else derived from the reply class. */
    static String status(Reply reply) {
        Matcher m = ENHANCED.matcher(reply.text());
        if (m.find()) {
            return m.group(1);
        }
        return reply.permanent() ? "5.0.0" : "4.0.0";
    }

    /** The header section of {@code in}, up to the empty line (or 64 KiB), with CRLF line ends. */
    private static byte[] headers(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder line = new StringBuilder();
        int c;
        int total = 0;
        while ((c = in.read()) != -1 && total++ < MAX_HEADERS) {
            if (c == '\n') {
                String l = line.toString();
                if (l.endsWith("\r")) {
                    l = l.substring(0, l.length() - 1);
                }
                if (l.isEmpty()) {
                    break;
                }
                out.write((l + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        return out.toByteArray();
    }
}
