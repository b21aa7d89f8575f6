package org.mailstack.user.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.user.auth.RelayCredentials;
import org.mailstack.user.delivery.DeliveryAgent;
import org.mailstack.user.delivery.MemoryMailbox;
import org.mailstack.user.delivery.UnavailableForwarder;
import org.mailstack.user.sieve.SieveRules;
import org.mailstack.user.testing.SmtpTalk;

/** Conversations with a real receiver on an ephemeral loopback port, storing into memory. */
class SmtpReceiverTest {
    private static final String SECRET = "relay-secret-for-tests-0123";
    private static final String BOX = "box@bob.example.test";
    private static final String MESSAGE = "From: a@example.org\r\nSubject: hello\r\n\r\nHi Bob.\r\n.leading dot\r\n";

    @TempDir
    Path dir;
    private MemoryMailbox mailbox;
    private SmtpReceiver receiver;

    @BeforeEach
    void start() throws IOException {
        mailbox = new MemoryMailbox(20_000);
        DeliveryAgent agent = new DeliveryAgent(mailbox, new SieveRules(dir.resolve("rules.sieve")),
                new UnavailableForwarder(), Set.of("box@bob.example.test"));
        receiver = new SmtpReceiver(InetAddress.getLoopbackAddress(), 0, "bob.example.test",
                new AccountAddresses(BOX, Set.of("bob@example.test")), new RelayCredentials(SECRET), agent, 10_000,
                Files.createDirectories(dir.resolve("spool")), Optional.empty());
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop();
    }

    private SmtpTalk relay() throws IOException {
        SmtpTalk talk = SmtpTalk.open("127.0.0.1", receiver.port());
        assertTrue(talk.authPlain("relay", SECRET).startsWith("235"));
        return talk;
    }

    @Test
    void bannerNamesTheSoftware() throws IOException {
        try (SmtpTalk talk = new SmtpTalk("127.0.0.1", receiver.port())) {
            assertEquals("220 bob.example.test ESMTP mailstack", talk.reply());
            String ehlo = talk.command("EHLO x");
            assertTrue(ehlo.contains("AUTH PLAIN"), ehlo);
            assertTrue(ehlo.contains("SIZE 10000"), ehlo);
        }
    }

    @Test
    void deliversWithTraceHeadersAfterRelayAuth() throws IOException {
        try (SmtpTalk talk = relay()) {
            assertEquals("250 2.0.0 Ok: delivered", talk.sendMail("a@example.org", BOX, MESSAGE));
        }
        MemoryMailbox.Stored stored = mailbox.stored().get(0);
        assertEquals("INBOX", stored.folder());
        String text = stored.text();
        assertTrue(text.startsWith("Return-Path: <a@example.org>\r\nDelivered-To: box@bob.example.test\r\n"
                + "Received: from test.client ([127.0.0.1])\r\n\tby bob.example.test (mailstack) with ESMTPA id "),
                text);
        assertTrue(text.endsWith("\r\nFrom: a@example.org\r\nSubject: hello\r\n\r\nHi Bob.\r\n.leading dot\r\n"), text);
    }

    @Test
    void aliasIsAcceptedAndDeliveredToTheBox() throws IOException {
        try (SmtpTalk talk = relay()) {
            assertTrue(talk.sendMail("", "Bob@Example.test", MESSAGE).startsWith("250"));
        }
        assertTrue(mailbox.stored().get(0).text().startsWith("Return-Path: <>\r\nDelivered-To: " + BOX + "\r\n"));
    }

    @Test
    void withoutAuthNothingIsAccepted() throws IOException {
        try (SmtpTalk talk = SmtpTalk.open("127.0.0.1", receiver.port())) {
            assertTrue(talk.command("MAIL FROM:<a@example.org>").startsWith("530"));
            assertTrue(talk.command("RCPT TO:<" + BOX + ">").startsWith("530"));
            assertTrue(talk.command("DATA").startsWith("530"));
        }
        assertTrue(mailbox.stored().isEmpty());
    }

    @Test
    void wrongSecretOrUserIsRefused() throws IOException {
        try (SmtpTalk talk = SmtpTalk.open("127.0.0.1", receiver.port())) {
            assertTrue(talk.authPlain("relay", SECRET + "x").startsWith("535"));
            assertTrue(talk.authPlain("box", SECRET).startsWith("535"));
            assertTrue(talk.command("MAIL FROM:<a@example.org>").startsWith("530"));
        }
    }

    @Test
    void authLoginIsNotOffered() throws IOException {
        try (SmtpTalk talk = SmtpTalk.open("127.0.0.1", receiver.port())) {
            assertTrue(talk.command("AUTH LOGIN").startsWith("504"));
        }
    }

    @Test
    void anotherUsersRecipientIs550() throws IOException {
        try (SmtpTalk talk = relay()) {
            assertEquals("250 Ok", talk.command("MAIL FROM:<a@example.org>"));
            assertEquals("550 5.1.1 No such user here", talk.command("RCPT TO:<box@alice.example.test>"));
            assertTrue(talk.command("DATA").startsWith("503"), "no valid recipient, no DATA");
        }
        assertTrue(mailbox.stored().isEmpty());
    }

    @Test
    void badRecipientSyntaxIs501() throws IOException {
        try (SmtpTalk talk = relay()) {
            talk.command("MAIL FROM:<a@example.org>");
            assertTrue(talk.command("RCPT TO:<not an address>").startsWith("501"));
            assertTrue(talk.command("RCPT TO:<>").startsWith("501"));
        }
    }

    @Test
    void oversizeIs552AndTheSessionStaysUsable() throws IOException {
        try (SmtpTalk talk = relay()) {
            String big = "Subject: big\r\n\r\n" + ("x".repeat(70) + "\r\n").repeat(200);
            assertEquals("552 5.3.4 Message too big", talk.sendMail("a@example.org", BOX, big));
            assertTrue(mailbox.stored().isEmpty(), "nothing written for a refused message");
            assertEquals("250 2.0.0 Ok: delivered", talk.sendMail("a@example.org", BOX, MESSAGE),
                    "the next transaction needs no RSET");
        }
        assertEquals(1, mailbox.stored().size());
    }

    @Test
    void declaredSizeOverTheLimitIsRefusedAtMail() throws IOException {
        try (SmtpTalk talk = relay()) {
            assertTrue(talk.command("MAIL FROM:<a@example.org> SIZE=20000").startsWith("552"));
        }
    }

    @Test
    void bareLfInDataIsRefusedWithoutWritingAnything() throws IOException {
        try (SmtpTalk talk = relay()) {
            talk.command("MAIL FROM:<a@example.org>");
            talk.command("RCPT TO:<" + BOX + ">");
            assertTrue(talk.command("DATA").startsWith("354"));
            talk.send("Subject: smuggle\r\n\r\nline\n.\nMAIL FROM:<evil@example.org>\r\n.\r\n");
            assertEquals("554 5.6.0 Message contains a bare CR or LF", talk.reply());
            assertEquals("250 Ok", talk.command("NOOP"), "still in step");
        }
        assertTrue(mailbox.stored().isEmpty());
    }

    @Test
    void overlongLineInDataIs554() throws IOException {
        try (SmtpTalk talk = relay()) {
            assertEquals("554 5.6.0 Message contains a line over 998 octets",
                    talk.sendMail("a@example.org", BOX, "Subject: x\r\n\r\n" + "y".repeat(1200) + "\r\n"));
        }
        assertTrue(mailbox.stored().isEmpty());
    }

    @Test
    void nulOctetInDataIs554() throws IOException {
        try (SmtpTalk talk = relay()) {
            assertEquals("554 5.6.0 Message contains a NUL octet",
                    talk.sendMail("a@example.org", BOX, "Subject: x\r\n\r\nnul\0here\r\n"));
        }
        assertTrue(mailbox.stored().isEmpty());
    }

    @Test
    void overlongCommandLineIs5xx() throws IOException {
        try (SmtpTalk talk = relay()) {
            String reply = talk.command("MAIL FROM:<" + "a".repeat(1100) + "@example.org>");
            assertTrue(reply.startsWith("5"), reply);
        }
    }

    @Test
    void bareLfInACommandIs501AndClosesTheConnection() throws IOException {
        try (SmtpTalk talk = relay()) {
            talk.send("NOOP\nNOOP\r\n");
            assertTrue(talk.reply().startsWith("501"));
            assertNull(talk.reply(), "connection closed");
        }
    }

    @Test
    void malformedCommands() throws IOException {
        try (SmtpTalk talk = relay()) {
            assertTrue(talk.command("FROB").startsWith("500"));
            assertTrue(talk.command("X").startsWith("500"));
            assertTrue(talk.command("MAIL TO:<a@example.org>").startsWith("501"));
            assertTrue(talk.command("MAIL FROM:<not valid>").startsWith("553"));
            assertTrue(talk.command("RCPT TO:<" + BOX + ">").startsWith("503"), "RCPT before MAIL");
            assertTrue(talk.command("DATA").startsWith("503"), "DATA before MAIL");
            assertTrue(talk.command("EHLO").startsWith("501"));
            assertEquals("250 Ok", talk.command("NOOP"));
        }
    }

    @Test
    void quotaFullIs452AndNeverFitsIs552() throws IOException {
        try (SmtpTalk talk = relay()) {
            String nineK = "Subject: q\r\n\r\n" + ("z".repeat(88) + "\r\n").repeat(90);
            assertTrue(talk.sendMail("a@example.org", BOX, nineK).startsWith("250"));
            assertTrue(talk.sendMail("a@example.org", BOX, nineK).startsWith("250"));
            assertEquals("452 4.2.2 Mailbox full, try again later", talk.sendMail("a@example.org", BOX, nineK));
            assertEquals(2, mailbox.stored().size());
        }
    }

    @Test
    void aBdatChunkCutOffByTheConnectionDeliversNothing() throws IOException {
        try (SmtpTalk talk = relay()) {
            talk.command("MAIL FROM:<a@example.org>");
            talk.command("RCPT TO:<" + BOX + ">");
            talk.send("BDAT 1000 LAST\r\nSubject: cut\r\n\r\n" + "x".repeat(75));
            talk.stopSending();
            assertNull(talk.reply(), "no reply: there is no message");
        }
        assertTrue(mailbox.stored().isEmpty());
    }

    @Test
    void aMessageInBdatChunksIsDelivered() throws IOException {
        try (SmtpTalk talk = relay()) {
            talk.command("MAIL FROM:<a@example.org>");
            talk.command("RCPT TO:<" + BOX + ">");
            talk.send("BDAT 14\r\nSubject: two\r\n");
            assertEquals("250 2.0.0 14 octets received", talk.reply());
            talk.send("BDAT 9 LAST\r\n\r\nparts\r\n");
            assertEquals("250 2.0.0 Ok: delivered", talk.reply());
        }
        assertTrue(mailbox.stored().get(0).text().endsWith("\r\nSubject: two\r\n\r\nparts\r\n"));
    }

    @Test
    void aBdatChunkOverTheLimitIsRefusedAtOnceAndEndsTheConnection() throws IOException {
        for (String size : new String[] {"99999999999999", "30000000", "10001"}) {
            try (SmtpTalk talk = relay()) {
                talk.command("MAIL FROM:<a@example.org>");
                talk.command("RCPT TO:<" + BOX + ">");
                assertEquals("552 5.3.4 Message size exceeds fixed maximum message size",
                        talk.command("BDAT " + size + " LAST"));
                assertNull(talk.reply(), "connection closed");
            }
        }
        assertTrue(mailbox.stored().isEmpty());
    }

    @Test
    void aDeclaredSizeTooLargeForANumberIs552NotAnError() throws IOException {
        try (SmtpTalk talk = relay()) {
            assertEquals("552 5.3.4 Message size exceeds fixed maximum message size",
                    talk.command("MAIL FROM:<a@example.org> SIZE=99999999999999"));
            assertEquals("250 Ok", talk.command("NOOP"));
        }
    }

    @Test
    void replyTextsDoNotEchoPeerLineBreaks() throws IOException {
        try (SmtpTalk talk = relay()) {
            String reply = talk.command("MAIL FROM:<a@example.org> X=\"\u0001\"");
            assertFalse(reply.contains("\n"), reply);
        }
    }
}
