package org.mailstack.main.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.main.submission.ImapCredentialCheck;
import org.mailstack.main.tls.ClientTls;
import org.mailstack.main.tls.ServerTls;

/** The submission password check is an IMAP LOGIN at the account's container. */
class ImapCredentialCheckTest {
    @TempDir
    Path dir;

    @Test
    void rightPasswordIsOkWrongIsNoAndAContainerGoingDownIsAnError() throws Exception {
        ServerTls tls = new ServerTls(dir.resolve("tls"), dir.resolve("state"), "user.example.test");
        try (FakeImapBackend alice = new FakeImapBackend("127.0.0.1", 0, "alice", "box@alice.example.test",
                "pa\"ss {word}\\", tls.context())) {
            ImapCredentialCheck check = new ImapCredentialCheck(alice.port(), ClientTls.unverified(), 5_000);
            assertTrue(check.check("127.0.0.1", "box@alice.example.test", "pa\"ss {word}\\"));
            assertFalse(check.check("127.0.0.1", "box@alice.example.test", "wrong"));
        }
        try (ServerSocket dying = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                try (Socket s = dying.accept()) {
                    s.getOutputStream().write("* BYE going down\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // test over
                }
            });
            t.start();
            ImapCredentialCheck check = new ImapCredentialCheck(dying.getLocalPort(), ClientTls.unverified(), 5_000);
            assertThrows(IOException.class, () -> check.check("127.0.0.1", "box@alice.example.test", "x"));
            t.join(5_000);
        }
    }
}
