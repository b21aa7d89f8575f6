package org.mailstack.main.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailstack.main.testing.MxUnderTest;
import org.mailstack.main.testing.SmtpConversation;

/**
 * What the account's container would refuse is refused by the MX before its {@code 250}: a message the MX accepted
 * and the container then refused would bounce to a sender who may be forged.
 */
class MxMessageContentTest {
    @RegisterExtension
    final MxUnderTest mx = new MxUnderTest(Map.of("MAILSTACK_MAX_MESSAGE_SIZE", "20K"));

    private SmtpConversation inData() throws IOException {
        SmtpConversation c = mx.transaction();
        assertEquals("354", c.send("DATA").substring(0, 3));
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "line of 999 octets | 999 | 554 5.6.0",
        "line of 5000 octets | 5000 | 554 5.6.0"})
    void aLineOverTheLimitIsRefusedBeforeTheMessageIsQueued(String name, int length, String expected)
            throws Exception {
        try (SmtpConversation c = inData()) {
            String reply = c.send("Subject: long\r\n\r\n" + "y".repeat(length) + "\r\n.");
            assertTrue(reply.startsWith(expected), reply);
            assertEquals("250", c.send("NOOP").substring(0, 3), "the session stays in step");
        }
        assertEquals(0, mx.queued());
    }

    @Test
    void aLineOfExactly998OctetsIsAccepted() throws Exception {
        try (SmtpConversation c = inData()) {
            String reply = c.send("Subject: long\r\n\r\n" + "y".repeat(998) + "\r\n.");
            assertTrue(reply.startsWith("250"), reply);
        }
        assertEquals(1, mx.queued());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bare LF | Subject: x\\n\\nbody",
        "bare CR | Subject: x\\rBcc: y",
        "NUL byte | Subject: x\\u0000y"})
    void aBareLineEndOrANulByteIsRefusedBeforeTheMessageIsQueued(String name, String header) throws Exception {
        String raw = header.replace("\\n", "\n").replace("\\r", "\r").replace("\\u0000", "\0");
        try (SmtpConversation c = inData()) {
            String reply = c.send(raw + "\r\n\r\nbody\r\n.");
            assertTrue(reply.startsWith("554 5.6.0"), name + ": " + reply);
            assertEquals("250", c.send("NOOP").substring(0, 3), "the session stays in step");
        }
        assertEquals(0, mx.queued());
    }

    @Test
    void bareLfCannotSmuggleASecondMessage() throws Exception {
        try (SmtpConversation c = inData()) {
            c.write("Subject: one\r\n\r\nbody\n.\nMAIL FROM:<evil@elsewhere.example>\r\n.\r\n");
            assertTrue(c.reply().startsWith("554 5.6.0"));
            assertEquals("250", c.send("NOOP").substring(0, 3));
        }
        assertEquals(0, mx.queued());
    }

    @Test
    void aRefusedMessageEndsTheTransactionSoTheNextMailNeedsNoRset() throws Exception {
        try (SmtpConversation c = mx.transaction()) {
            assertEquals("354", c.send("DATA").substring(0, 3));
            assertTrue(c.send("Subject: x\r\n\r\n" + "y".repeat(2000) + "\r\n.").startsWith("554 5.6.0"));
            assertEquals("250", c.send("MAIL FROM:<sender@elsewhere.example>").substring(0, 3));
        }
    }

    @Test
    void aConnectionThatEndsBeforeTheFinalDotQueuesNothing() throws Exception {
        try (SmtpConversation c = mx.transaction()) {
            assertEquals("354", c.send("DATA").substring(0, 3));
            c.write("Subject: cut\r\n\r\nno final dot\r\n");
            c.stopSending();
            assertTrue(c.closedByServer());
        }
        assertEquals(0, mx.queued());
    }
}
