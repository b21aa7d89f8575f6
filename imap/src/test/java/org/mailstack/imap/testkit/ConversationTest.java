package org.mailstack.imap.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.maildir.FolderName;

/** Base of the conversation tests: a fresh server and Maildir per test. */
public abstract class ConversationTest {
    @TempDir
    protected Path maildir;
    protected TestImapServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = TestImapServer.start(maildir.resolve("Maildir"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Delivers a message to a folder as the SMTP side would. */
    protected void deliver(String folder, String message) throws IOException {
        server.store().deliver(FolderName.of(folder),
                new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }

    protected static String message(String subject, String body) {
        return "From: Bob <bob@example.test>\r\nTo: alice@example.test\r\nSubject: " + subject
                + "\r\nDate: Mon, 7 Feb 1994 21:52:25 -0800\r\nMessage-ID: <" + subject.hashCode() + "@x>\r\n\r\n"
                + body + "\r\n";
    }

    protected static void assertOk(List<String> lines) {
        assertTrue(ImapTestClient.tagged(lines).matches("\\S+ OK.*"), () -> String.join("\n", lines));
    }

    protected static void assertNo(List<String> lines) {
        assertTrue(ImapTestClient.tagged(lines).matches("\\S+ NO.*"), () -> String.join("\n", lines));
    }

    protected static void assertBad(List<String> lines) {
        assertTrue(ImapTestClient.tagged(lines).matches("\\S+ BAD.*"), () -> String.join("\n", lines));
    }

    protected static boolean has(List<String> lines, String regex) {
        return lines.stream().anyMatch(l -> l.matches(regex));
    }

    protected static void assertHas(List<String> lines, String regex) {
        assertTrue(has(lines, regex), () -> "no line matches " + regex + " in\n" + String.join("\n", lines));
    }
}
