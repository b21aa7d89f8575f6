package org.mailstack.main.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.main.account.Account;
import org.mailstack.main.delivery.RelayKeyFile;
import org.mailstack.main.submission.ImapCredentialCheck;
import org.mailstack.main.testing.TestConfigs;
import org.mailstack.main.tls.ClientTls;
import org.mailstack.main.tls.ServerTls;

/** The submission password check is an IMAP LOGIN at the account's container, for the submission client. */
class ImapCredentialCheckTest {
    private static final Account ALICE = new Account("alice", "127.0.0.1");

    @TempDir
    Path dir;

    private RelayKeyFile relayKey() throws IOException {
        Path file = dir.resolve("relay_key");
        Files.writeString(file, TestConfigs.RELAY_KEY);
        return new RelayKeyFile(file);
    }

    @Test
    void rightPasswordIsOkWrongIsNoAndAContainerGoingDownIsAnError() throws Exception {
        ServerTls tls = new ServerTls(dir.resolve("tls"), dir.resolve("state"), "user.example.test");
        RelayKeyFile key = relayKey();
        InetSocketAddress client = new InetSocketAddress(InetAddress.getByName("203.0.113.9"), 40_000);
        try (FakeImapBackend alice = new FakeImapBackend("127.0.0.1", 0, "alice", "box@alice.example.test",
                "pa\"ss {word}\\", tls.context())) {
            ImapCredentialCheck check = new ImapCredentialCheck(alice.port(), ClientTls.unverified(), 5_000, key);
            assertTrue(check.check(ALICE, "box@alice.example.test", "pa\"ss {word}\\", client));
            assertFalse(check.check(ALICE, "box@alice.example.test", "wrong", client));
            assertEquals(List.of(client, client), alice.vouched, "the container was told whose login it checked");
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
            ImapCredentialCheck check = new ImapCredentialCheck(dying.getLocalPort(), ClientTls.unverified(), 5_000,
                    key);
            assertThrows(IOException.class, () -> check.check(ALICE, "box@alice.example.test", "x", client));
            t.join(5_000);
        }
    }
}
