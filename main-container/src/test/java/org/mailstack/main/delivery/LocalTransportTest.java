package org.mailstack.main.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.main.queue.Envelope;
import org.mailstack.main.queue.Reply;
import org.mailstack.main.testing.FakeUserContainer;
import org.mailstack.main.testing.FixedAccountDirectory;
import org.mailstack.main.testing.TestConfigs;
import org.mailstack.main.tls.ClientTls;

class LocalTransportTest {
    @TempDir
    Path dir;

    private LocalTransport transport(FixedAccountDirectory accounts, int port) throws Exception {
        Path keyFile = dir.resolve("relay_key");
        Files.writeString(keyFile, TestConfigs.RELAY_KEY + "\n");
        return new LocalTransport(accounts, port, new RelayKeyFile(keyFile), "mail.example.test",
                Optional.of(ClientTls.unverified()));
    }

    private static Envelope entry(String rcpt) {
        return Envelope.fresh("t.0", "sender@example.org", "local:alice", List.of(rcpt), Instant.now());
    }

    @Test
    void deliversOverStartTlsWithTheAccountsOwnSecretAndDotStuffing() throws Exception {
        String body = "Subject: dots\r\n\r\n.leading dot\r\nbare lf\nend";
        try (FakeUserContainer user = new FakeUserContainer(dir, "box@alice.example.test",
                TestConfigs.accountSecret("alice"))) {
            LocalTransport t = transport(new FixedAccountDirectory().with("alice", "127.0.0.1"), user.port());
            Map<String, Reply> r = t.deliver(entry("box@alice.example.test"),
                    () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)));
            assertEquals(250, r.get("box@alice.example.test").code(), r.toString());
            assertEquals(1, user.received.size());
            String got = new String(user.received.get(0).data(), StandardCharsets.US_ASCII);
            assertTrue(got.endsWith("Subject: dots\r\n\r\n.leading dot\r\nbare lf\r\nend\r\n"), got);
            assertEquals("sender@example.org", user.received.get(0).from());
        }
    }

    @Test
    void aContainerHoldingAnotherAccountsSecretRefusesTheRelayAndNothingIsLost() throws Exception {
        try (FakeUserContainer user = new FakeUserContainer(dir, "box@alice.example.test",
                TestConfigs.accountSecret("bob"))) {
            LocalTransport t = transport(new FixedAccountDirectory().with("alice", "127.0.0.1"), user.port());
            Reply r = t.deliver(entry("box@alice.example.test"), () -> new ByteArrayInputStream(new byte[0]))
                    .get("box@alice.example.test");
            assertEquals(451, r.code(), r.toString());
            assertEquals(0, user.received.size());
        }
    }

    @Test
    void aStoppedContainerIsTemporaryAndADeletedAccountPermanent() throws Exception {
        FakeUserContainer user = new FakeUserContainer(dir, "box@alice.example.test", TestConfigs.accountSecret("alice"));
        int port = user.port();
        user.close();
        FixedAccountDirectory accounts = new FixedAccountDirectory().with("alice", "127.0.0.1");
        LocalTransport t = transport(accounts, port);
        assertEquals(451, t.deliver(entry("box@alice.example.test"), () -> new ByteArrayInputStream(new byte[0]))
                .get("box@alice.example.test").code());
        accounts.remove("alice");
        assertEquals(550, t.deliver(entry("box@alice.example.test"), () -> new ByteArrayInputStream(new byte[0]))
                .get("box@alice.example.test").code());
    }
}
