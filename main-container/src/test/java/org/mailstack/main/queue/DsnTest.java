package org.mailstack.main.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.mailstack.main.address.NextHop;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

class DsnTest {
    final Instant t0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void dsnIsAMultipartReportWithOnePerRecipientBlockPerFailure() throws Exception {
        Envelope e = Envelope.fresh("q1.0", "sender@example.org", new NextHop.Remote("elsewhere.example"),
                List.of("a@elsewhere.example", "b@elsewhere.example"), t0);
        Map<String, Reply> failed = new LinkedHashMap<>();
        failed.put("a@elsewhere.example", new Reply(550, "5.1.1 user unknown"));
        failed.put("b@elsewhere.example", new Reply(451, "4.4.7 Delivery time expired; last error: timeout"));
        String original = "From: sender@example.org\r\nSubject: lunch\r\nMessage-ID: <m1@example.org>\r\n\r\nsecret body\r\n";
        byte[] dsn = new Dsn("mail.example.test").build(e, failed,
                new ByteArrayInputStream(original.getBytes(StandardCharsets.US_ASCII)), t0.plusSeconds(3600));

        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(dsn));
        assertTrue(m.getContentType().startsWith("multipart/report"), m.getContentType());
        assertTrue(m.getContentType().contains("report-type=delivery-status"), m.getContentType());
        assertEquals("<sender@example.org>", m.getHeader("To")[0]);
        assertEquals("auto-replied", m.getHeader("Auto-Submitted")[0]);
        MimeMultipart mp = (MimeMultipart) m.getContent();
        assertEquals(3, mp.getCount());
        assertTrue(mp.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(mp.getBodyPart(1).isMimeType("message/delivery-status"));
        assertTrue(mp.getBodyPart(2).isMimeType("text/rfc822-headers"));

        String status = new String(mp.getBodyPart(1).getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        String[] blocks = status.split("\r\n\r\n");
        assertTrue(blocks[0].startsWith("Reporting-MTA: dns; mail.example.test"), blocks[0]);
        assertTrue(blocks[1].contains("Final-Recipient: rfc822; a@elsewhere.example"));
        assertTrue(blocks[1].contains("Action: failed"));
        assertTrue(blocks[1].contains("Status: 5.1.1"));
        assertTrue(blocks[1].contains("Diagnostic-Code: smtp; 550 5.1.1 user unknown"));
        assertTrue(blocks[2].contains("Final-Recipient: rfc822; b@elsewhere.example"));
        assertTrue(blocks[2].contains("Status: 4.4.7"));

        String headers = new String(mp.getBodyPart(2).getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(headers.contains("Subject: lunch"));
        assertTrue(!headers.contains("secret body"), "the body is not returned");
    }

    @Test
    void statusFallsBackToTheReplyClass() {
        assertEquals("5.0.0", Dsn.status(new Reply(554, "no enhanced code")));
        assertEquals("4.0.0", Dsn.status(new Reply(421, "busy")));
        assertEquals("5.7.1", Dsn.status(new Reply(550, "5.7.1 refused")));
    }
}
