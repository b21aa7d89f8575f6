package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.imap.testkit.ImapTestClient;
import org.mailstack.imap.testkit.TestImapServer;

/** Line and literal limits (RFC 7162 section 4, RFC 7888 section 4) and the autologout timer. */
class LimitsTest {
    @TempDir
    Path dir;
    TestImapServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestImapServer.start(dir.resolve("Maildir"), null, true,
                b -> b.maxLineLength(1000).maxLiteralSize(2000).idleTimeout(Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void tooLongLineIsBadAndTheConnectionGoesOn() throws Exception {
        try (ImapTestClient c = server.client()) {
            c.greeting();
            c.send("a1 NOOP " + "x".repeat(5000) + "\r\n");
            assertTrue(c.readLine().startsWith("a1 BAD"));
            assertTrue(ImapTestClient.tagged(c.command("NOOP")).contains("OK"));
        }
    }

    @Test
    void tooBigSynchronisingLiteralIsRefusedWithTooBig() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            c.send("a1 APPEND INBOX {5000}\r\n");
            assertTrue(c.readLine().startsWith("a1 NO [TOOBIG]"));
            assertTrue(ImapTestClient.tagged(c.command("NOOP")).contains("OK"));
        }
    }

    @Test
    void tooBigNonSynchronisingLiteralClosesTheConnection() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            c.send("a1 APPEND INBOX {5000+}\r\n");
            String line = c.readLine();
            assertTrue(line.startsWith("* BYE"), line);
            assertNull(c.readLine());
        }
    }

    @Test
    void idleConnectionsAreLoggedOut() throws Exception {
        try (ImapTestClient c = server.client()) {
            c.greeting();
            String bye = c.readLine();
            assertEquals("* BYE Autologout; idle for too long", bye);
            assertNull(c.readLine());
        }
    }
}
