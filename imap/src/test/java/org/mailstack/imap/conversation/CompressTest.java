package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.tls.TlsMaterial;
import org.mailstack.core.tls.TlsProbes;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;
import org.mailstack.imap.testkit.TestImapServer;

/**
 * COMPRESS=DEFLATE (RFC 4978): the client side is {@code java.util.zip} with {@code nowrap} (raw DEFLATE, RFC 1951),
 * so a response the server did not compress, or did not flush, fails or stalls the conversation.
 */
class CompressTest extends ConversationTest {
    /** Text that compresses well, to tell a compressed FETCH from a plain one on the wire. */
    private static final String BODY = "All work and no play makes Jack a dull boy.\r\n".repeat(400);

    private static void compress(ImapTestClient c) throws Exception {
        List<String> r = c.command("COMPRESS DEFLATE");
        assertEquals(List.of(r.get(0).split(" ")[0] + " OK DEFLATE active"), r);
        c.compress();
    }

    @Test
    void capabilityIsOfferedAfterLoginOnlyAndUntilCompressionIsOn() throws Exception {
        try (ImapTestClient c = server.client()) {
            String greeting = c.greeting();
            assertFalse(greeting.contains("COMPRESS"), greeting);
            assertFalse(c.command("CAPABILITY").get(0).contains("COMPRESS"));
            String login = ImapTestClient.tagged(c.command("LOGIN alice secret"));
            assertTrue(login.matches("\\S+ OK \\[CAPABILITY .* COMPRESS=DEFLATE( .*)?] .*"), login);
            assertTrue(c.command("CAPABILITY").get(0).contains(" COMPRESS=DEFLATE"));
            compress(c);
            List<String> after = c.command("CAPABILITY");
            assertOk(after);
            assertFalse(after.get(0).contains("COMPRESS"), after.get(0));
        }
    }

    @Test
    void aCompressedSessionSelectsFetchesAndIdles() throws Exception {
        deliver("INBOX", message("compressed", BODY));
        try (ImapTestClient c = server.loggedIn()) {
            compress(c);
            assertHas(c.command("SELECT INBOX"), "\\* 1 EXISTS");
            List<String> fetch = c.command("FETCH 1 (BODY[TEXT] BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
            assertOk(fetch);
            assertTrue(fetch.get(0).contains(BODY), fetch.get(0));
            assertTrue(fetch.get(0).contains("Subject: compressed"), fetch.get(0));
            byte[] wire = c.compressedBytesRead();
            assertTrue(c.compressedRead() < BODY.length() / 4, "read " + c.compressedRead() + " octets on the wire");
            assertFalse(new String(wire, StandardCharsets.ISO_8859_1).contains("dull boy"), "the body went out plain");

            c.send("i1 IDLE\r\n");
            assertEquals("+ idling", c.readLine());
            deliver("INBOX", message("late", "x"));
            // the poller's untagged answer reaches the client on its own: it was flushed when written
            assertEquals("* 2 EXISTS", c.readLine());
            c.send("DONE\r\n");
            List<String> done = c.readUntilTagged("i1");
            assertEquals("i1 OK Idle completed.", ImapTestClient.tagged(done));
            assertHas(c.command("FETCH 2 (BODY[HEADER.FIELDS (SUBJECT)])"), "(?s).*Subject: late.*");
            assertTrue(ImapTestClient.tagged(c.command("LOGOUT")).contains("OK"));
        }
    }

    @Test
    void aSecondCompressIsRefusedAndCompressionGoesOn() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            compress(c);
            List<String> again = c.command("COMPRESS DEFLATE");
            assertTrue(ImapTestClient.tagged(again).matches("\\S+ NO \\[COMPRESSIONACTIVE] .*"), again.toString());
            assertOk(c.command("NOOP"));
            assertOk(c.command("LIST \"\" INBOX"));
        }
    }

    @Test
    void anUnknownMechanismOrACompressBeforeLoginIsRefusedAndNothingIsCompressed() throws Exception {
        try (ImapTestClient c = server.client()) {
            c.greeting();
            assertBad(c.command("COMPRESS DEFLATE"));
            assertOk(c.command("NOOP"));
            assertOk(c.command("LOGIN alice secret"));
            assertBad(c.command("COMPRESS LZW"));
            assertBad(c.command("COMPRESS"));
            assertOk(c.command("NOOP")); // still plain text both ways
            compress(c);
            assertOk(c.command("NOOP"));
        }
    }

    @Test
    void commandsSentRightBehindCompressAreReadCompressed() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            deflater.setInput("p1 NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[256];
            int n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            deflater.end();
            byte[] head = "p0 COMPRESS DEFLATE\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] both = Arrays.copyOf(head, head.length + n);
            System.arraycopy(buf, 0, both, head.length, n);
            c.sendBytes(both); // against RFC 4978's advice, in one segment: the server must not read it as plain
            assertEquals("p0 OK DEFLATE active", c.readLine());
            c.compress();
            assertEquals(List.of("p1 OK NOOP completed."), c.readUntilTagged("p1"));
        }
    }

    /**
     * A line of 16 MiB that travels as about 16 KiB: inflated, it meets the same line limit as plain text (BAD, the
     * line skipped, the session going on) and is never held whole.
     */
    @Test
    void aTinyCompressedInputInflatingToAHugeLineIsRefusedLikeAnyLongLine() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            compress(c);
            c.send("z1 NOOP ");
            byte[] block = new byte[1024 * 1024];
            Arrays.fill(block, (byte) 'x');
            for (int i = 0; i < 16; i++) {
                c.sendBytes(block);
            }
            c.send("\r\n");
            assertTrue(c.compressedWritten() < 16L * block.length / 500,
                    "sent " + c.compressedWritten() + " compressed octets");
            assertEquals("z1 BAD Command line too long.", c.readLine());
            assertOk(c.command("NOOP"));
        }
    }

    @Test
    void compressionWorksUnderImplicitTls(@TempDir Path dir) throws Exception {
        SSLContext context = TlsMaterial.loadOrGenerate(dir.resolve("tls"), "localhost").sslContext();
        try (TestImapServer tls = TestImapServer.start(dir.resolve("Maildir"), context, false, b -> { })) {
            tls.store().deliver(FolderName.of("INBOX"),
                    new ByteArrayInputStream(message("over tls", BODY).getBytes(StandardCharsets.UTF_8)));
            SSLSocket s = (SSLSocket) TlsProbes.anyServer().createSocket("127.0.0.1", tls.tlsPort());
            s.startHandshake();
            try (ImapTestClient c = new ImapTestClient((Socket) s)) {
                c.login();
                compress(c);
                List<String> fetch = c.command("EXAMINE INBOX");
                assertHas(fetch, "\\* 1 EXISTS");
                assertTrue(c.command("FETCH 1 BODY[TEXT]").get(0).contains(BODY));
            }
        }
    }
}
