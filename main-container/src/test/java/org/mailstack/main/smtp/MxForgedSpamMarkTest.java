package org.mailstack.main.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailstack.main.queue.Envelope;
import org.mailstack.main.testing.MxUnderTest;
import org.mailstack.main.testing.SmtpConversation;

/**
 * The accounts file {@code X-Spam: Yes} into Junk, so that mark must be the relay's own: an outside sender's
 * {@code X-Spam}, {@code X-Spam-Status} and {@code X-Spam-Score} are removed even when the spam filter is off
 * (here: no rspamd configured), and the rest of the message is kept byte for byte.
 */
class MxForgedSpamMarkTest {
    @RegisterExtension
    final MxUnderTest mx = new MxUnderTest(Map.of());

    @Test
    void forgedSpamMarksAreRemovedWithTheFilterOff() throws Exception {
        try (SmtpConversation c = mx.transaction()) {
            assertEquals("354", c.send("DATA").substring(0, 3));
            String reply = c.send("Subject: hello\r\nX-Spam: Yes\r\nx-spam-status: Yes, score=99\r\n"
                    + "X-Spam-Score:\r\n 12.0\r\nX-Spam-Flag: YES\r\nX-Spamming: kept\r\n\r\n"
                    + "X-Spam: Yes in the body stays\r\n.");
            assertTrue(reply.startsWith("250"), reply);
        }
        List<Envelope> queued = mx.harness().spool.recover();
        assertEquals(1, queued.size());
        String message;
        try (InputStream in = mx.harness().spool.open(queued.get(0))) {
            message = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String header = message.substring(0, message.indexOf("\r\n\r\n") + 2);
        assertFalse(header.toLowerCase().contains("x-spam:"), header);
        assertFalse(header.toLowerCase().contains("x-spam-status"), header);
        assertFalse(header.toLowerCase().contains("x-spam-score"), header);
        assertFalse(header.contains(" 12.0"), "the continuation line went with its field:\n" + header);
        assertTrue(header.contains("Subject: hello\r\n"), header);
        assertTrue(header.contains("X-Spam-Flag: YES\r\n") && header.contains("X-Spamming: kept\r\n"),
                "other fields stay:\n" + header);
        assertTrue(message.endsWith("\r\n\r\nX-Spam: Yes in the body stays\r\n"), message);
    }
}
