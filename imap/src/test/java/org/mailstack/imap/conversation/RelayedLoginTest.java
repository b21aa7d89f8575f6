package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.auth.LoginLimiter;
import org.mailstack.core.auth.LoginPolicy;
import org.mailstack.core.auth.OriginProof;
import org.mailstack.imap.testkit.ImapTestClient;
import org.mailstack.imap.testkit.TestImapServer;

/**
 * A relay reports its client's address in ID (ADR 18): only with a proof over this connection's nonce made with the
 * account's relay secret do the login limits count under that address; without one the fields change nothing.
 */
class RelayedLoginTest {
    private static final String SECRET = "relay-secret-of-alice-0123456789";
    private static final Pattern NONCE = Pattern.compile("\"x-mailstack-nonce\" \"([A-Za-z0-9_-]+)\"");
    private static final int FAILURES = TestImapServer.LIMITS.failuresPerClientAndAccount();

    @TempDir
    Path dir;
    TestImapServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestImapServer.start(dir.resolve("Maildir"), null, true,
                b -> b.relayProof(new OriginProof(SECRET)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static InetSocketAddress client(String ip) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), 50_000);
    }

    /** Asks for the nonce and sends the fields {@code proof} makes for {@code client}. */
    private static void vouch(ImapTestClient c, OriginProof proof, InetSocketAddress client) throws Exception {
        vouch(c, proof.fields(client, nonce(c)));
    }

    private static void vouch(ImapTestClient c, Map<String, String> fields) throws Exception {
        String list = fields.entrySet().stream().map(e -> "\"" + e.getKey() + "\" \"" + e.getValue() + "\"")
                .collect(Collectors.joining(" "));
        assertTrue(ImapTestClient.tagged(c.command("ID (" + list + ")")).contains(" OK "));
    }

    private static String nonce(ImapTestClient c) throws Exception {
        List<String> id = c.command("ID NIL");
        Matcher m = NONCE.matcher(id.get(0));
        assertTrue(m.find(), id.get(0));
        return m.group(1);
    }

    private static void failUntilRefused(ImapTestClient c) throws Exception {
        for (int i = 0; i < FAILURES; i++) {
            assertTrue(ImapTestClient.tagged(c.command("LOGIN alice wrong" + i)).contains("NO [AUTHENTICATIONFAILED]"));
        }
        assertTrue(ImapTestClient.tagged(c.command("LOGIN alice secret")).contains("NO [UNAVAILABLE]"));
    }

    private String login(ImapTestClient c) throws Exception {
        return ImapTestClient.tagged(c.command("LOGIN alice secret"));
    }

    @Test
    void theIdAnswerCarriesAFreshNonceOnlyWhenARelayIsTrusted() throws Exception {
        String first;
        try (ImapTestClient c = server.client()) {
            c.greeting();
            first = nonce(c);
            assertEquals(first, nonce(c), "one nonce per connection");
        }
        try (ImapTestClient c = server.client()) {
            c.greeting();
            assertTrue(!nonce(c).equals(first), "each connection its own");
        }
        try (TestImapServer plain = TestImapServer.start(dir.resolve("Other"));
             ImapTestClient c = plain.client()) {
            c.greeting();
            assertEquals("* ID (\"name\" \"mailstack\")", c.command("ID NIL").get(0));
        }
    }

    @Test
    void failuresTheRelayProvesComeFromAnotherAddressDoNotStopTheOwner() throws Exception {
        OriginProof relay = new OriginProof(SECRET);
        for (String attacker : new String[] {"198.51.100.1", "198.51.100.2", "198.51.100.3"}) {
            try (ImapTestClient c = server.client()) {
                c.greeting();
                vouch(c, relay, client(attacker));
                failUntilRefused(c);
            }
        }
        try (ImapTestClient c = server.client()) {
            c.greeting();
            vouch(c, relay, client("203.0.113.9"));
            assertTrue(login(c).contains("OK"), "the owner, through the same relay");
        }
        try (ImapTestClient c = server.client()) {
            c.greeting();
            vouch(c, relay, client("198.51.100.2"));
            assertTrue(login(c).contains("NO [UNAVAILABLE]"), "the attacker's own address stays refused");
        }
        try (ImapTestClient c = server.client()) {
            c.greeting();
            assertTrue(login(c).contains("OK"), "the relay's own address counted none of it");
        }
    }

    @Test
    void originFieldsWithoutAValidProofAreIgnored() throws Exception {
        OriginProof relay = new OriginProof(SECRET);
        try (ImapTestClient c = server.client()) {
            c.greeting();
            c.command("ID (\"x-originating-ip\" \"198.51.100.7\" \"x-originating-port\" \"1\")");
            failUntilRefused(c);
        }
        try (ImapTestClient c = server.client()) {
            c.greeting();
            vouch(c, new OriginProof("relay-secret-of-bob-00000000000").fields(client("198.51.100.8"), nonce(c)));
            assertTrue(login(c).contains("NO [UNAVAILABLE]"), "another account's secret proves nothing here");
            String earlier = nonce(c);
            try (ImapTestClient other = server.client()) {
                other.greeting();
                vouch(other, relay.fields(client("198.51.100.9"), earlier));
                assertTrue(login(other).contains("NO [UNAVAILABLE]"), "a proof for another connection's nonce");
            }
        }
        try (ImapTestClient c = server.client()) {
            c.greeting();
            vouch(c, relay, client("198.51.100.7"));
            assertTrue(login(c).contains("OK"), "the failures counted under 127.0.0.1, not the claimed address");
        }
    }

    @Test
    void aRelayedLoginIsNotDelayedAgainHere() throws Exception {
        server.close();
        LoginPolicy slow = new LoginPolicy(5, 20, Duration.ofMinutes(15), Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofSeconds(2), 1000);
        server = TestImapServer.start(dir.resolve("Maildir"), null, true, b -> b
                .relayProof(new OriginProof(SECRET)).loginLimiter(new LoginLimiter(slow, Clock.systemUTC())));
        try (ImapTestClient c = server.client()) {
            c.greeting();
            vouch(c, new OriginProof(SECRET), client("198.51.100.1"));
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                assertTrue(ImapTestClient.tagged(c.command("LOGIN alice wrong")).contains("NO"));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 1_500, "answered after " + millis + " ms; unrelayed it would wait " + 2 * i + " s");
            }
        }
    }
}
