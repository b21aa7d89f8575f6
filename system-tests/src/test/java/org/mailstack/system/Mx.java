package org.mailstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

/**
 * Mail into the running stack the way the Internet sends it: one SMTP transaction per message to port 25 of this
 * host (the MX). The builders write small RFC 5322 messages (RFC 2045 MIME for HTML and attachments).
 */
final class Mx {
    static final int PORT = 25;
    /**
     * The envelope sender for mail that claims, in its From header, to be from an account of the stack: port 25
     * refuses such an address as envelope sender without authentication, so the Internet's bounce address is used.
     */
    static final String OUTSIDE_SENDER = "bounces@sender.example.org";

    private Mx() {
    }

    /** Delivers {@code message} from {@code from} to {@code to}; the MX must answer 250 to everything. */
    static void deliver(String from, String to, String message) throws Exception {
        try (SmtpClient smtp = new SmtpClient("127.0.0.1", PORT)) {
            assertThat(smtp.reply()).startsWith("220");
            assertThat(smtp.send("EHLO sender.example.org")).startsWith("250");
            assertThat(smtp.send("MAIL FROM:<" + from + ">")).startsWith("250");
            assertThat(smtp.send("RCPT TO:<" + to + ">")).startsWith("250");
            assertThat(smtp.data(message)).startsWith("250");
            assertThat(smtp.send("QUIT")).startsWith("221");
        }
    }

    static String text(String from, String to, String subject, String body) {
        return headers(from, to, subject) + "Content-Type: text/plain; charset=utf-8\n\n" + body + "\n";
    }

    static String html(String from, String to, String subject, String html) {
        return headers(from, to, subject) + "Content-Type: text/html; charset=utf-8\n\n" + html + "\n";
    }

    /** A text part and one attached text file. */
    static String withAttachment(String from, String to, String subject, String body, String fileName,
                                 String content) {
        String boundary = "b-" + UUID.randomUUID();
        return headers(from, to, subject) + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\n\n"
                + "--" + boundary + "\nContent-Type: text/plain; charset=utf-8\n\n" + body + "\n"
                + "--" + boundary + "\nContent-Type: text/plain; charset=utf-8; name=\"" + fileName + "\"\n"
                + "Content-Disposition: attachment; filename=\"" + fileName + "\"\n"
                + "Content-Transfer-Encoding: base64\n\n"
                + Base64.getMimeEncoder().encodeToString(content.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "\n--" + boundary + "--\n";
    }

    private static String headers(String from, String to, String subject) {
        return "From: " + from + "\nTo: " + to + "\nSubject: " + subject + "\nDate: "
                + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\nMessage-ID: <"
                + UUID.randomUUID() + "@sender.example.org>\nMIME-Version: 1.0\n";
    }
}
