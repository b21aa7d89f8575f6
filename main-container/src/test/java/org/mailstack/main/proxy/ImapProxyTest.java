package org.mailstack.main.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.auth.LoginLimiter;
import org.mailstack.core.auth.LoginPolicy;
import org.mailstack.main.address.AddressRules;
import org.mailstack.main.delivery.RelayKeyFile;
import org.mailstack.main.metrics.Metrics;
import org.mailstack.main.testing.FixedAccountDirectory;
import org.mailstack.main.testing.TestConfigs;
import org.mailstack.main.tls.ClientTls;
import org.mailstack.main.tls.ServerTls;

/**
 * Two fake account containers on 127.0.0.1 and 127.0.0.2 (same port), the proxy in front of them. Clients connect
 * from other loopback addresses to stand for other hosts.
 */
class ImapProxyTest {
    /** 3 failures per client and account, short waits: at most 200 ms from others' failures. */
    static final LoginPolicy LIMITS = new LoginPolicy(3, 10, Duration.ofMinutes(15), Duration.ofMillis(20),
            Duration.ofMillis(20), Duration.ofMillis(200), 1000);

    @TempDir
    Path dir;
    FakeImapBackend alice;
    FakeImapBackend bob;
    ImapProxy plain;
    ImapProxy implicit;

    @BeforeEach
    void start() throws Exception {
        ServerTls tls = new ServerTls(dir.resolve("tls"), dir.resolve("state"), "imap.example.test");
        alice = new FakeImapBackend("127.0.0.1", 0, "alice", "box@alice.example.test", "alice-pw", tls.context());
        bob = new FakeImapBackend("127.0.0.2", alice.port(), "bob", "box@bob.example.test", "bob-pw", tls.context());
        FixedAccountDirectory accounts = new FixedAccountDirectory().with("alice", "127.0.0.1").with("bob", "127.0.0.2");
        LoginLimiter limiter = new LoginLimiter(LIMITS, Clock.systemUTC());
        Path key = Files.writeString(dir.resolve("relay_key"), TestConfigs.RELAY_KEY);
        AddressRules rules = new AddressRules("example.test");
        Metrics metrics = new Metrics();
        plain = ImapProxy.start(0, false, tls.context(), rules, accounts, limiter, new RelayKeyFile(key), metrics,
                alice.port(), ClientTls.unverified(), "imap.example.test", 10, 5);
        implicit = ImapProxy.start(0, true, tls.context(), rules, accounts, limiter, new RelayKeyFile(key), metrics,
                alice.port(), ClientTls.unverified(), "imap.example.test", 10, 5);
    }

    @AfterEach
    void stop() throws Exception {
        plain.close();
        implicit.close();
        alice.close();
        bob.close();
    }

    @Test
    void loginAfterStartTlsReachesTheRightAccountOnly() throws Exception {
        try (ImapClient c = new ImapClient(plain.port(), false)) {
            assertTrue(c.line().contains("STARTTLS LOGINDISABLED"));
            c.startTls();
            List<String> login = c.command("a1", "LOGIN box@bob.example.test \"bob-pw\"");
            assertEquals("a1 OK [CAPABILITY IMAP4rev1 IDLE] Logged in", ImapClient.last(login));
            List<String> select = c.command("a2", "SELECT INBOX");
            assertEquals(List.of("* ACCOUNT bob", "a2 OK SELECT completed"), select);
        }
        try (ImapClient c = new ImapClient(plain.port(), false)) {
            c.line();
            c.startTls();
            c.write("a1 LOGIN {22}\r\n");
            assertTrue(c.line().startsWith("+"));
            c.write("box@alice.example.test {8}\r\n");
            assertTrue(c.line().startsWith("+"));
            c.write("alice-pw\r\n");
            assertTrue(ImapClient.last(c.until("a1")).startsWith("a1 OK"));
            assertEquals("* ACCOUNT alice", c.command("a2", "NOOP").get(0));
        }
    }

    @Test
    void anotherAccountsPasswordIsRefusedByThatAccountsContainer() throws Exception {
        try (ImapClient c = new ImapClient(implicit.port(), true)) {
            c.line();
            assertEquals("a1 NO [AUTHENTICATIONFAILED] Authentication failed",
                    ImapClient.last(c.command("a1", "LOGIN box@bob.example.test alice-pw")));
            assertEquals("a2 NO [AUTHENTICATIONFAILED] Authentication failed",
                    ImapClient.last(c.command("a2", "LOGIN box@carol.example.test x")));
            assertEquals("a3 BAD Command not allowed before login", ImapClient.last(c.command("a3", "SELECT INBOX")));
        }
    }

    @Test
    void loginBeforeTlsIsRefusedWithoutContactingAnyContainer() throws Exception {
        try (ImapClient c = new ImapClient(plain.port(), false)) {
            c.line();
            assertEquals("a1 NO [PRIVACYREQUIRED] Use STARTTLS first",
                    ImapClient.last(c.command("a1", "LOGIN box@alice.example.test alice-pw")));
        }
    }

    /** Clients such as Thunderbird and Apple Mail send ID with their name before logging in (RFC 2971 §3.1). */
    @Test
    void idWithAFieldListBeforeLoginIsAnswered() throws Exception {
        try (ImapClient c = new ImapClient(plain.port(), false)) {
            c.line();
            assertEquals(List.of("* ID NIL", "a1 OK ID completed"),
                    c.command("a1", "ID (\"name\" \"Thunderbird\" \"version\" \"115.0\" \"x\" NIL)"));
            assertEquals(List.of("* ID NIL", "a2 OK ID completed"), c.command("a2", "ID NIL"));
            assertEquals("a3 BAD Bad list", ImapClient.last(c.command("a3", "ID (\"name\" (\"nested\"))")));
            assertEquals("a4 BAD Bad list", ImapClient.last(c.command("a4", "ID (\"name\"")));
            assertEquals("a5 BAD Unexpected list", ImapClient.last(c.command("a5", "LOGIN (a) b")));
            assertEquals("a6 OK NOOP completed", ImapClient.last(c.command("a6", "NOOP")));
        }
    }

    @Test
    void authenticatePlainWithInitialResponseAndWithContinuation() throws Exception {
        String token = Base64.getEncoder().encodeToString("\0box@alice.example.test\0alice-pw"
                .getBytes(StandardCharsets.UTF_8));
        try (ImapClient c = new ImapClient(implicit.port(), true)) {
            c.line();
            assertTrue(ImapClient.last(c.command("a1", "AUTHENTICATE PLAIN " + token)).startsWith("a1 OK"));
            assertEquals("* ACCOUNT alice", c.command("a2", "NOOP").get(0));
        }
        try (ImapClient c = new ImapClient(implicit.port(), true)) {
            c.line();
            c.write("a1 AUTHENTICATE PLAIN\r\n");
            assertTrue(c.line().startsWith("+"));
            c.write(token + "\r\n");
            assertTrue(ImapClient.last(c.until("a1")).startsWith("a1 OK"));
        }
    }

    @Test
    void failedLoginsRefuseThatClientForThatAccount() throws Exception {
        try (ImapClient c = new ImapClient(implicit.port(), true)) {
            c.line();
            for (int i = 0; i < 3; i++) {
                assertTrue(ImapClient.last(c.command("a" + i, "LOGIN box@alice.example.test wrong")).contains("NO"));
            }
            assertEquals("b NO [UNAVAILABLE] Too many failed logins, try again later",
                    ImapClient.last(c.command("b", "LOGIN box@alice.example.test alice-pw")));
            assertTrue(ImapClient.last(c.command("c", "LOGIN box@bob.example.test bob-pw")).startsWith("c OK"),
                    "another account stays open to the same client");
        }
    }

    @Test
    void failuresFromOtherAddressesDoNotStopTheOwnerWhoseAddressReachesTheContainer() throws Exception {
        for (String attacker : new String[] {"127.0.0.3", "127.0.0.4", "127.0.0.5"}) {
            try (ImapClient c = new ImapClient(implicit.port(), true, attacker)) {
                c.line();
                for (int i = 0; i < 5; i++) {
                    assertTrue(ImapClient.last(c.command("a" + i, "LOGIN box@alice.example.test guess" + i))
                            .contains(" NO "));
                }
            }
        }
        alice.vouched.clear();
        try (ImapClient c = new ImapClient(implicit.port(), true, "127.0.0.6")) {
            c.line();
            long start = System.nanoTime();
            assertTrue(ImapClient.last(c.command("a1", "LOGIN box@alice.example.test alice-pw")).startsWith("a1 OK"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 200 + 1_000, "the owner waited " + millis + " ms");
            assertEquals("* ACCOUNT alice", c.command("a2", "NOOP").get(0));
        }
        assertEquals(1, alice.vouched.size());
        assertEquals("127.0.0.6", alice.vouched.get(0).getAddress().getHostAddress());
    }

    @Test
    void injectedLineBreaksInTheLoginNameDoNotReachTheBackend() throws Exception {
        try (ImapClient c = new ImapClient(implicit.port(), true)) {
            c.line();
            List<String> r = c.command("a1", "LOGIN \"box@alice.example.test\r\na2 SELECT INBOX\" x");
            assertTrue(ImapClient.last(r).startsWith("a1 BAD") || ImapClient.last(r).startsWith("a1 NO"), r.toString());
        }
    }
}
