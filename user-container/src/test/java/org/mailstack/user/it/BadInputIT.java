package org.mailstack.user.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailstack.user.testing.SmtpTalk;
import org.mailstack.user.testing.UserContainerUnderTest;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Acceptance: bad input against the real image. Each test also checks that nothing was written for a refused
 * message: the Maildir must hold exactly the messages that got {@code 250}.
 */
@Testcontainers
class BadInputIT {
    private static final String BOX = UserContainerUnderTest.BOX;
    @Container
    private static final UserContainerUnderTest CONTAINER =
            new UserContainerUnderTest("badinput-" + UUID.randomUUID().toString().substring(0, 8))
                    .withEnv("MAILSTACK_MAX_MESSAGE_BYTES", "50000");
    private static int accepted;

    @AfterEach
    void onlyAcceptedMessagesWereWritten() {
        assertEquals(accepted, CONTAINER.maildir().delivered().size(), "Maildir holds exactly the accepted messages");
        assertTrue(CONTAINER.maildir().inTmp().isEmpty(), "nothing left in tmp/");
    }

    private static void expectAccepted(String reply) {
        assertTrue(reply.startsWith("250"), reply);
        accepted++;
    }

    @Test
    void anotherUsersRecipientIs550() throws IOException {
        try (SmtpTalk talk = CONTAINER.relaySession()) {
            assertEquals("250 Ok", talk.command("MAIL FROM:<a@example.org>"));
            assertEquals("550 5.1.1 No such user here", talk.command("RCPT TO:<box@alice.example.test>"));
            assertTrue(talk.command("DATA").startsWith("503"));
        }
    }

    @Test
    void oversizeIs552AndTheSessionStaysUsable() throws IOException {
        try (SmtpTalk talk = CONTAINER.relaySession()) {
            String big = "Subject: big\r\n\r\n" + ("b".repeat(98) + "\r\n").repeat(600);
            assertEquals("552 5.3.4 Message too big", talk.sendMail("a@example.org", BOX, big));
            expectAccepted(talk.sendMail("a@example.org", BOX, Messages.numbered(1, 3)));
        }
    }

    @Test
    void bareLfIsRefusedAndTheSessionStaysInStep() throws IOException {
        try (SmtpTalk talk = CONTAINER.relaySession()) {
            talk.command("MAIL FROM:<a@example.org>");
            talk.command("RCPT TO:<" + BOX + ">");
            assertTrue(talk.command("DATA").startsWith("354"));
            talk.send("Subject: smuggle\r\n\r\nx\n.\nRCPT TO:<evil@example.org>\r\n.\r\n");
            assertTrue(talk.reply().startsWith("554 5.6.0"));
            expectAccepted(talk.sendMail("a@example.org", BOX, Messages.numbered(2, 3)));
        }
    }

    @Test
    void overlongDataLineIs554() throws IOException {
        try (SmtpTalk talk = CONTAINER.relaySession()) {
            assertEquals("554 5.6.0 Message contains a line over 998 octets",
                    talk.sendMail("a@example.org", BOX, "Subject: x\r\n\r\n" + "y".repeat(1500) + "\r\n"));
        }
    }

    @Test
    void malformedCommandsAre5xx() throws IOException {
        try (SmtpTalk talk = CONTAINER.relaySession()) {
            for (String command : List.of("FROB", "MAIL TO:<a@example.org>", "MAIL FROM:<no address>",
                    "RCPT TO:<" + BOX + ">", "DATA", "EHLO", "MAIL FROM:<a@example.org> SIZE=99999999999999")) {
                String reply = talk.command(command);
                assertTrue(reply.startsWith("5"), command + " -> " + reply);
            }
            assertTrue(talk.command("BDAT x").startsWith("5"), "BDAT outside a transaction");
            assertNull(talk.reply(), "and the connection is closed: the octets after it are no commands");
        }
        try (SmtpTalk talk = CONTAINER.relaySession()) {
            // The receiver answers 501 and closes: it cannot know where a line over its limit ends. The rest of the
            // line is still unread when it closes, so the peer's TCP may reset before the 501 is read: either is a
            // refusal, and nothing after it is taken as a command.
            String reply = talk.command("MAIL FROM:<" + "a".repeat(1100) + "@example.org>");
            assertTrue(reply == null || reply.startsWith("5"), String.valueOf(reply));
        }
    }

    @Test
    void aBdatChunkCutOffByTheConnectionDeliversNothing() throws IOException {
        try (SmtpTalk talk = CONTAINER.relaySession()) {
            assertEquals("250 Ok", talk.command("MAIL FROM:<a@example.org>"));
            assertEquals("250 Ok", talk.command("RCPT TO:<" + BOX + ">"));
            talk.send("BDAT 1000 LAST\r\nSubject: cut\r\n\r\n" + "x".repeat(75));
            talk.stopSending();
            assertNull(talk.reply(), "no reply, no message");
        }
    }

    @Test
    void aBdatChunkOverTheLimitIsRefusedAtOnce() throws IOException {
        try (SmtpTalk talk = CONTAINER.relaySession()) {
            talk.command("MAIL FROM:<a@example.org>");
            talk.command("RCPT TO:<" + BOX + ">");
            assertTrue(talk.command("BDAT 99999999999999 LAST").startsWith("552 5.3.4"));
            assertNull(talk.reply());
        }
    }

    @Test
    void bareLfInACommandIs501AndCloses() throws IOException {
        try (SmtpTalk talk = CONTAINER.relaySession()) {
            talk.send("MAIL FROM:<a@example.org>\nRCPT TO:<" + BOX + ">\r\n");
            assertTrue(talk.reply().startsWith("501"));
            assertNull(talk.reply());
        }
    }

    @Test
    void withoutRelayAuthNothingIsAccepted() throws IOException {
        try (SmtpTalk talk = SmtpTalk.open("127.0.0.1", CONTAINER.smtpPort())) {
            assertTrue(talk.command("MAIL FROM:<a@example.org>").startsWith("530"));
            assertTrue(talk.authPlain("relay", "wrong-secret-0123456789").startsWith("535"));
            assertTrue(talk.authPlain("box", UserContainerUnderTest.RELAY_SECRET).startsWith("535"));
            assertTrue(talk.command("RCPT TO:<" + BOX + ">").startsWith("530"));
        }
    }
}
