package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.imap.testkit.ForkedImapServer;
import org.mailstack.imap.testkit.ImapTestClient;

/**
 * Clients that go away the usual ways (closing right after LOGOUT, with a reset, or without LOGOUT) are normal:
 * the server logs nothing about them above DEBUG. The server runs in a JVM of its own so that its whole log is
 * read, with nothing from other tests in it.
 */
class ConnectionCloseLoggingTest {
    private static final int ROUNDS = 60;

    @TempDir
    Path dir;

    @Test
    void clientsClosingRightAfterLogoutOrWithAResetLeaveNoWarning() throws Exception {
        Path logFile = dir.resolve("server.log");
        try (ForkedImapServer server = ForkedImapServer.start(dir.resolve("Maildir"), logFile, "LANG", "C.UTF-8")) {
            try (ImapTestClient c = new ImapTestClient(server.port())) {
                c.login();
                c.command("SELECT INBOX"); // the Maildir exists before the clients race
            }
            for (int i = 0; i < ROUNDS; i++) {
                boolean reset = i % 2 == 0;
                String commands = switch (i % 3) {
                    case 0 -> "a LOGOUT\r\n";
                    case 1 -> "a LOGIN alice secret\r\nb SELECT INBOX\r\nc LOGOUT\r\n";
                    default -> "a LOGIN alice secret\r\nb SELECT INBOX\r\nc FETCH 1:* FLAGS\r\n"; // no LOGOUT
                };
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
                    s.setSoTimeout(10_000);
                    if (reset) {
                        s.setSoLinger(true, 0); // close() sends RST
                    }
                    InputStream in = s.getInputStream();
                    while (in.read() != '\n') { // the greeting
                        assertTrue(s.isConnected());
                    }
                    OutputStream out = s.getOutputStream();
                    out.write(commands.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } // closed at once, answers unread
            }
            try (ImapTestClient c = new ImapTestClient(server.port())) { // the server still serves
                c.login();
                assertTrue(ImapTestClient.tagged(c.command("LOGOUT")).contains("OK"));
            }
        } // and the server stops: nothing about the closed connections is logged then either
        String log = Files.readString(logFile, StandardCharsets.UTF_8);
        assertFalse(log.contains(" WARN ") || log.contains(" ERROR ") || log.contains("\tat "),
                () -> "normal closes logged above DEBUG:\n" + log);
    }
}
