package org.mailstack.main.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailstack.main.testing.MxUnderTest;
import org.mailstack.main.testing.SmtpConversation;

/**
 * BDAT (RFC 3030) at the MX: nothing is queued without a {@code 250}; a chunk size that is malformed or over the
 * limit is refused at once and ends the connection; a connection that ends inside the message queues nothing.
 */
class MxChunkingTest {
    private static final String MESSAGE = "Subject: chunks\r\n\r\nfirst part\r\nsecond part\r\n";

    @RegisterExtension
    final MxUnderTest mx = new MxUnderTest(Map.of("MAILSTACK_MAX_MESSAGE_SIZE", "20K"));

    @Test
    void aMessageInChunksIsQueuedWithExactlyItsOctets() throws Exception {
        String first = MESSAGE.substring(0, 20);
        String second = MESSAGE.substring(20);
        try (SmtpConversation c = mx.transaction()) {
            c.write("BDAT " + first.length() + "\r\n" + first);
            assertEquals("250 2.0.0 20 octets received", c.reply());
            assertEquals(0, mx.queued(), "no message before its LAST chunk");
            c.write("BDAT " + second.length() + " LAST\r\n" + second);
            assertTrue(c.reply().startsWith("250"));
            assertEquals("250", c.send("MAIL FROM:<sender@elsewhere.example>").substring(0, 3));
        }
        assertEquals(1, mx.queued());
        String stored = new String(mx.harness().spool.open(mx.harness().spool.recover().get(0)).readAllBytes(),
                StandardCharsets.US_ASCII);
        assertTrue(stored.startsWith("Received: from probe.example.net"), stored);
        assertTrue(stored.endsWith("\r\n" + MESSAGE), stored);
    }

    @Test
    void aConnectionThatEndsInsideAChunkQueuesNothing() throws Exception {
        try (SmtpConversation c = mx.transaction()) {
            c.write("BDAT 1000 LAST\r\nSubject: cut\r\n\r\n" + "x".repeat(70));
            c.stopSending();
            assertTrue(c.closedByServer(), "no reply: there is no message");
        }
        assertEquals(0, mx.queued());
    }

    @Test
    void aConnectionThatEndsBeforeTheLastChunkQueuesNothing() throws Exception {
        try (SmtpConversation c = mx.transaction()) {
            c.write("BDAT 12\r\nSubject: x\r\n");
            assertTrue(c.reply().startsWith("250"));
            c.stopSending();
            assertTrue(c.closedByServer());
        }
        assertEquals(0, mx.queued());
    }

    @ParameterizedTest
    @ValueSource(strings = {"30000000 LAST", "99999999999999 LAST", "123456789012345678901234567890 LAST",
        "20481 LAST", "30000000"})
    void aChunkOverTheSizeLimitIsRefusedAtOnceAndEndsTheConnection(String arguments) throws Exception {
        try (SmtpConversation c = mx.transaction()) {
            String reply = c.send("BDAT " + arguments);
            assertEquals("552 5.3.4 Message size exceeds fixed maximum message size", reply);
            assertTrue(c.closedByServer());
        }
        assertEquals(0, mx.queued());
    }

    @Test
    void chunksThatAddUpToMoreThanTheLimitAreRefusedAtTheOneThatCrossesIt() throws Exception {
        try (SmtpConversation c = mx.transaction()) {
            c.write("BDAT 15000\r\n" + "a".repeat(998).concat("\r\n").repeat(15).substring(0, 15000));
            assertTrue(c.reply().startsWith("250"));
            assertEquals("552 5.3.4 Message size exceeds fixed maximum message size", c.send("BDAT 15000 LAST"));
            assertTrue(c.closedByServer());
        }
        assertEquals(0, mx.queued());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc LAST", "-5 LAST", "+5 LAST", "5 FIRST", "5 LAST more", "", "0"})
    void aMalformedChunkSizeIs501AndEndsTheConnection(String arguments) throws Exception {
        try (SmtpConversation c = mx.transaction()) {
            assertEquals("501 5.5.4 Syntax: BDAT size [LAST]", c.send("BDAT " + arguments));
            assertTrue(c.closedByServer());
        }
        assertEquals(0, mx.queued());
    }

    @Test
    void anythingButBdatBetweenChunksEndsTheConnection() throws Exception {
        try (SmtpConversation c = mx.transaction()) {
            c.write("BDAT 12\r\nSubject: x\r\n");
            assertTrue(c.reply().startsWith("250"));
            assertTrue(c.send("DATA").startsWith("503 5.5.1"));
            assertTrue(c.closedByServer());
        }
        assertEquals(0, mx.queued());
    }

    @Test
    void bdatOutsideATransactionIsRefusedAndEndsTheConnection() throws Exception {
        try (SmtpConversation c = mx.session()) {
            assertTrue(c.send("BDAT 20 LAST").startsWith("503 5.5.1"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void theContentRuleAppliesToChunksAndTheSessionGoesOn() throws Exception {
        String bad = "Subject: x\n\nbare\r\n";
        try (SmtpConversation c = mx.transaction()) {
            c.write("BDAT " + bad.length() + " LAST\r\n" + bad);
            assertTrue(c.reply().startsWith("554 5.6.0"));
            assertEquals("250", c.send("MAIL FROM:<sender@elsewhere.example>").substring(0, 3));
        }
        assertEquals(0, mx.queued());
    }
}
