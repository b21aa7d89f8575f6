package org.mailstack.main.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.main.queue.Envelope;
import org.mailstack.main.queue.Reply;
import org.mailstack.main.testing.FakeUserContainer;
import org.mailstack.main.testing.FixedAccountDirectory;
import org.mailstack.main.testing.TestConfigs;
import org.mailstack.main.tls.ClientTls;
import org.mailstack.main.address.NextHop;
import org.mailstack.core.account.AccountName;

class LocalTransportTest {
    @TempDir
    Path dir;

    private LocalTransport transport(FixedAccountDirectory accounts, int port) throws Exception {
        return transport(accounts, port, 4);
    }

    private LocalTransport transport(FixedAccountDirectory accounts, int port, int sessions) throws Exception {
        Path keyFile = dir.resolve("relay_key");
        Files.writeString(keyFile, TestConfigs.RELAY_KEY + "\n");
        return new LocalTransport(accounts, port, new RelayKeyFile(keyFile), "mail.example.test",
                Optional.of(ClientTls.unverified()), sessions);
    }

    private static final NextHop.Local ALICE = new NextHop.Local(AccountName.of("alice"));

    private static Envelope entry(String rcpt) {
        return Envelope.fresh("t.0", "sender@example.org", ALICE, List.of(rcpt), Instant.now());
    }

    @Test
    void deliversOverStartTlsWithTheAccountsOwnSecretAndDotStuffing() throws Exception {
        String body = "Subject: dots\r\n\r\n.leading dot\r\nbare lf\nend";
        try (FakeUserContainer user = new FakeUserContainer(dir, "box@alice.example.test",
                TestConfigs.accountSecret("alice"))) {
            LocalTransport t = transport(new FixedAccountDirectory().with("alice", "127.0.0.1"), user.port());
            Map<String, Reply> r = t.deliver(ALICE, entry("box@alice.example.test"),
                    () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)));
            assertEquals(250, r.get("box@alice.example.test").code(), r.toString());
            assertEquals(1, user.received.size());
            String got = new String(user.received.get(0).data(), StandardCharsets.US_ASCII);
            assertTrue(got.endsWith("Subject: dots\r\n\r\n.leading dot\r\nbare lf\r\nend\r\n"), got);
            assertEquals("sender@example.org", user.received.get(0).from());
        }
    }

    @Test
    void messagesOneAfterAnotherShareOneSession() throws Exception {
        try (FakeUserContainer user = new FakeUserContainer(dir, "box@alice.example.test",
                TestConfigs.accountSecret("alice"))) {
            LocalTransport t = transport(new FixedAccountDirectory().with("alice", "127.0.0.1"), user.port());
            for (int i = 0; i < 5; i++) {
                Map<String, Reply> r = t.deliver(ALICE, entry("box@alice.example.test"),
                        () -> new ByteArrayInputStream("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)));
                assertEquals(250, r.get("box@alice.example.test").code(), r.toString());
            }
            assertEquals(5, user.received.size());
            assertEquals(1, user.received.stream().map(FakeUserContainer.Received::session).distinct().count(),
                    user.received.toString());
        }
    }

    @Test
    void asManySessionsAsWorkersAreKeptSoConcurrentWorkersNeverHandshakeAgain() throws Exception {
        int workers = 6;
        try (FakeUserContainer user = new FakeUserContainer(dir, "box@alice.example.test",
                TestConfigs.accountSecret("alice"))) {
            LocalTransport t = transport(new FixedAccountDirectory().with("alice", "127.0.0.1"), user.port(), workers);
            // Each round: every worker holds a session at the same time (the barrier is passed inside the message
            // source, after the session is taken), so none can reuse another's.
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try {
                for (int round = 0; round < 3; round++) {
                    CyclicBarrier together = new CyclicBarrier(workers);
                    List<Future<Reply>> replies = new ArrayList<>();
                    for (int w = 0; w < workers; w++) {
                        replies.add(pool.submit(() -> t.deliver(ALICE, entry("box@alice.example.test"), () -> {
                            try {
                                together.await(10, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                throw new IOException(e);
                            }
                            return new ByteArrayInputStream("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
                        }).get("box@alice.example.test")));
                    }
                    for (Future<Reply> f : replies) {
                        assertEquals(250, f.get(30, TimeUnit.SECONDS).code());
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(3 * workers, user.received.size());
            assertEquals(workers, user.received.stream().map(FakeUserContainer.Received::session).distinct().count(),
                    "one session per worker, each reused in the later rounds");
        }
    }

    @Test
    void aContainerHoldingAnotherAccountsSecretRefusesTheRelayAndNothingIsLost() throws Exception {
        try (FakeUserContainer user = new FakeUserContainer(dir, "box@alice.example.test",
                TestConfigs.accountSecret("bob"))) {
            LocalTransport t = transport(new FixedAccountDirectory().with("alice", "127.0.0.1"), user.port());
            Reply r = t.deliver(ALICE, entry("box@alice.example.test"), () -> new ByteArrayInputStream(new byte[0]))
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
        assertEquals(451, t.deliver(ALICE, entry("box@alice.example.test"), () -> new ByteArrayInputStream(new byte[0]))
                .get("box@alice.example.test").code());
        accounts.remove("alice");
        assertEquals(550, t.deliver(ALICE, entry("box@alice.example.test"), () -> new ByteArrayInputStream(new byte[0]))
                .get("box@alice.example.test").code());
    }
}
