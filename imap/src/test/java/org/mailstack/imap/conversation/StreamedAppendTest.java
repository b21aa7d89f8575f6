package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;

/** APPEND literals go to the Maildir's tmp/ as they arrive (RFC 3501 section 6.3.11, RFC 7888). */
class StreamedAppendTest extends ConversationTest {

    private static byte[] bigMessage(int bodyLines) {
        StringBuilder sb = new StringBuilder("From: a@example.test\r\nSubject: big\r\n\r\n");
        for (int i = 0; i < bodyLines; i++) {
            sb.append("line ").append(i).append(" of a message too big to hold in one buffer\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private Path tmp() {
        return maildir.resolve("Maildir").resolve("tmp");
    }

    private long filesIn(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void largeSynchronisingLiteralIsStoredByteForByte() throws Exception {
        byte[] message = bigMessage(60_000); // about 3.5 MB, several times the bytes a connection may hold
        try (ImapTestClient c = server.loggedIn()) {
            c.send("a1 APPEND Drafts (\\Draft) {" + message.length + "}\r\n");
            assertTrue(c.readLine().startsWith("+"));
            c.sendBytes(message);
            c.send("\r\n");
            List<String> r = c.readUntilTagged("a1");
            assertHas(r, "a1 OK \\[APPENDUID \\d+ 1\\].*");
        }
        MailboxView v = server.store().openView(FolderName.of("Drafts"), true);
        assertEquals(message.length, v.size(1));
        try (InputStream in = v.openBody(1)) {
            assertArrayEquals(message, in.readAllBytes());
        }
        assertEquals(0, filesIn(tmp()));
    }

    @Test
    void mailboxNameAsLiteralAndNonSynchronisingMessage() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            c.send("a1 APPEND {5}\r\n");
            assertTrue(c.readLine().startsWith("+"));
            c.send("INBOX {5}\r\n");
            assertTrue(c.readLine().startsWith("+"));
            c.send("hello\r\n");
            assertHas(c.readUntilTagged("a1"), "a1 OK \\[APPENDUID \\d+ 1\\].*");
            assertHas(c.command("APPEND INBOX {5+}\r\nworld"), "\\S+ OK \\[APPENDUID \\d+ 2\\].*");
        }
    }

    @Test
    void abortedConnectionLeavesNothingBehind() throws Exception {
        byte[] message = bigMessage(20_000);
        try (ImapTestClient c = server.loggedIn()) {
            c.send("a1 APPEND INBOX {" + message.length + "+}\r\n");
            c.sendBytes(Arrays.copyOf(message, message.length / 2));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> filesIn(tmp()) == 1);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> filesIn(tmp()) == 0);
        assertEquals(0, server.store().openView(FolderName.INBOX, true).size());
    }

    @Test
    void failuresAfterTheLiteralStillRemoveIt() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            assertHas(c.command("APPEND nosuch {5+}\r\nhello"), "\\S+ NO \\[TRYCREATE\\].*");
            assertBad(c.command("APPEND INBOX {5+}\r\nhello trailing-junk"));
            assertHas(c.command("APPEND INBOX {5+}\r\nhello"), "\\S+ OK \\[APPENDUID \\d+ 1\\].*");
        }
        assertEquals(0, filesIn(tmp()));
        assertEquals(1, server.store().openView(FolderName.INBOX, true).size());
    }

    @Test
    void appendBeforeLoginIsRefusedAndStoresNothing() throws Exception {
        try (ImapTestClient c = server.client()) {
            c.greeting();
            assertBad(c.command("APPEND INBOX {5+}\r\nhello"));
        }
        assertEquals(0, filesIn(tmp()));
    }
}
