package org.mailstack.main.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailstack.main.testing.MxUnderTest;
import org.mailstack.main.testing.SmtpConversation;

/**
 * A session may send 50 commands that do nothing for a message, and 100 in all, without a message being accepted;
 * the next command gets {@code 421 4.7.0} and the connection is closed.
 */
class MxCommandBudgetTest {
    private static final String TOO_MANY = "421 4.7.0 Too many commands without a message, closing connection";

    @RegisterExtension
    final MxUnderTest mx = new MxUnderTest(Map.of("MAILSTACK_MESSAGES_PER_MINUTE_PER_CLIENT", "1000"));

    @ParameterizedTest
    @ValueSource(strings = {"NOOP", "EHLO probe.example.net", "RSET", "HELP", "VRFY box", "HELO probe.example.net"})
    void junkCommandsBeyondFiftyEndTheSession(String command) throws Exception {
        try (SmtpConversation c = mx.session()) {
            for (int i = 2; i <= 50; i++) {
                assertTrue("25".indexOf(c.send(command).charAt(0)) >= 0, command + " #" + i);
            }
            assertEquals(TOO_MANY, c.send(command));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aHundredCommandsWithoutAMessageEndTheSession() throws Exception {
        try (SmtpConversation c = mx.session()) {
            c.send("MAIL FROM:<sender@elsewhere.example>");
            for (int i = 3; i <= 100; i++) {
                assertEquals("550 5.1.1 No such user here", c.send("RCPT TO:<box@guess" + i + ".example.test>"));
            }
            assertEquals(TOO_MANY, c.send("RCPT TO:<box@alice.example.test>"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void acceptedRecipientsAndAcceptedMessagesDoNotUseUpTheBudget() throws Exception {
        try (SmtpConversation c = mx.session()) {
            for (int message = 0; message < 3; message++) {
                for (int i = 0; i < 40; i++) {
                    assertEquals("250", c.send("NOOP").substring(0, 3));
                }
                assertEquals("250", c.send("MAIL FROM:<sender@elsewhere.example>").substring(0, 3));
                for (int i = 0; i < 100; i++) {
                    assertEquals("250", c.send("RCPT TO:<box@alice.example.test>").substring(0, 3));
                }
                assertEquals("354", c.send("DATA").substring(0, 3));
                assertTrue(c.send("Subject: " + message + "\r\n\r\nhi\r\n.").startsWith("250"));
            }
        }
        assertEquals(3, mx.queued());
    }
}
