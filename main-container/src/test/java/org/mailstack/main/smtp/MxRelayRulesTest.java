package org.mailstack.main.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailstack.core.account.AccountName;
import org.mailstack.main.address.NextHop;
import org.mailstack.main.testing.RelayHarness;
import org.mailstack.main.testing.SmtpConversation;
import org.mailstack.main.tls.ServerTls;

/** Conversations with the real MX listener on an ephemeral port, accounts from a fixed directory. */
class MxRelayRulesTest {
    @TempDir
    Path dir;
    RelayHarness h;
    SmtpListener mx;

    @BeforeEach
    void start() throws Exception {
        h = new RelayHarness(dir, Map.of("MAILSTACK_MAX_MESSAGE_SIZE", "2K", "MAILSTACK_MAX_RECIPIENTS", "3",
                "MAILSTACK_MESSAGES_PER_MINUTE_PER_CLIENT", "5"));
        h.accounts.with("alice", "127.0.0.1").with("bob", "127.0.0.1");
        mx = SmtpServers.mx(h.config, h.inbound,
                new ServerTls(dir.resolve("tls"), dir.resolve("state"), "mail.example.test").context()).start();
    }

    @AfterEach
    void stop() {
        mx.close();
    }

    private SmtpConversation session() throws IOException {
        SmtpConversation c = SmtpConversation.open("127.0.0.1", mx.port());
        c.reply();
        c.send("EHLO probe.example.net");
        return c;
    }

    @Test
    void existingAccountIsAcceptedAndTheMessageIsSpooledBefore250() throws Exception {
        try (SmtpConversation c = session()) {
            assertEquals("250", c.send("MAIL FROM:<sender@elsewhere.example>").substring(0, 3));
            assertEquals("250", c.send("RCPT TO:<box@alice.example.test>").substring(0, 3));
            assertEquals("250", c.send("RCPT TO:<box@bob.example.test>").substring(0, 3));
            assertEquals("354", c.send("DATA").substring(0, 3));
            String reply = c.send("Subject: hi\r\n\r\nhello\r\n.");
            assertTrue(reply.startsWith("250"), reply);
        }
        var entries = h.spool.recover();
        assertEquals(2, entries.size());
        assertEquals(List.of(new NextHop.Local(AccountName.of("alice")), new NextHop.Local(AccountName.of("bob"))),
                entries.stream().map(e -> e.destination()).sorted(Comparator.comparing(NextHop::toString)).toList());
        assertEquals(2, h.queue.depth());
        String stored = new String(h.spool.open(entries.get(0)).readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(stored.startsWith("Received: from probe.example.net ([127.0.0.1])\r\n\tby mail.example.test"),
                stored);
        assertEquals(1, stored.split("Received:", -1).length - 1, "one trace header, ours");
    }

    @Test
    void unknownAccountGets550() throws Exception {
        try (SmtpConversation c = session()) {
            c.send("MAIL FROM:<sender@elsewhere.example>");
            assertEquals("550 5.1.1 No such user here", c.send("RCPT TO:<box@carol.example.test>"));
        }
    }

    /** Every open-relay probe from an unauthenticated client is refused at RCPT. */
    @ParameterizedTest
    @ValueSource(strings = {
        "victim@elsewhere.example",
        "victim%elsewhere.example@alice.example.test",
        "victim%elsewhere.example@example.test",
        "elsewhere.example!victim@alice.example.test",
        "\"victim@elsewhere.example\"@alice.example.test",
        "@alice.example.test:victim@elsewhere.example",
        "@mail.example.test,@alice.example.test:victim@elsewhere.example",
        "victim@elsewhere.example@alice.example.test",
        "victim@ELSEWHERE.example",
        "victim@elsewhere.example.",
        "box@alice.example.test.",
        "box@ALICE.EXAMPLE.TEST.",
        "victim@example.test.elsewhere.example",
        "victim@[127.0.0.1]",
        "victim@[IPv6:::1]"
    })
    void openRelayProbesAreRefused(String rcpt) throws Exception {
        try (SmtpConversation c = session()) {
            assertEquals("250", c.send("MAIL FROM:<spammer@elsewhere.example>").substring(0, 3));
            String reply = c.send("RCPT TO:<" + rcpt + ">");
            assertTrue(reply.startsWith("550 5.7.1") || reply.startsWith("553 5.1.3") || reply.startsWith("501"),
                    rcpt + " -> " + reply);
            assertTrue(c.send("DATA").startsWith("503") || true);
        }
        assertEquals(0, h.spool.recover().size());
    }

    /** A local account writing to another sends through submission: on port 25 the stack's own senders are forged. */
    @ParameterizedTest
    @ValueSource(strings = {"box@bob.example.test", "BOX@Bob.Example.Test", "postmaster@example.test",
        "anyone@alice.example.test"})
    void anUnauthenticatedSenderOfTheStacksOwnDomainIsRefused(String sender) throws Exception {
        try (SmtpConversation c = session()) {
            String reply = c.send("MAIL FROM:<" + sender + ">");
            assertTrue(reply.startsWith("550 5.7.1"), reply);
            assertEquals("250", c.send("MAIL FROM:<sender@elsewhere.example>").substring(0, 3));
            assertEquals("250", c.send("RCPT TO:<box@alice.example.test>").substring(0, 3));
        }
    }

    @Test
    void caseVariantOfALocalDomainIsDeliveredLocallyNotRelayed() throws Exception {
        try (SmtpConversation c = session()) {
            c.send("MAIL FROM:<sender@elsewhere.example>");
            assertEquals("250", c.send("RCPT TO:<BOX@Alice.Example.TEST>").substring(0, 3));
        }
    }

    @Test
    void oversizeMessageIsDrainedAndRefusedWith552AndTheSessionGoesOn() throws Exception {
        try (SmtpConversation c = session()) {
            c.send("MAIL FROM:<sender@elsewhere.example>");
            c.send("RCPT TO:<box@alice.example.test>");
            assertEquals("354", c.send("DATA").substring(0, 3));
            String reply = c.send("Subject: big\r\n\r\n" + "x".repeat(5000) + "\r\n.");
            assertTrue(reply.startsWith("552 5.3.4"), reply);
            assertEquals("250", c.send("NOOP").substring(0, 3));
        }
        assertEquals(0, h.spool.recover().size());
    }

    @Test
    void declaredOversizeIsRefusedAtMailFrom() throws Exception {
        try (SmtpConversation c = session()) {
            String reply = c.send("MAIL FROM:<sender@elsewhere.example> SIZE=999999");
            assertTrue(reply.startsWith("552"), reply);
        }
    }

    @Test
    void tooManyRecipientsGet452() throws Exception {
        try (SmtpConversation c = session()) {
            c.send("MAIL FROM:<sender@elsewhere.example>");
            for (int i = 0; i < 3; i++) {
                assertEquals("250", c.send("RCPT TO:<box@alice.example.test>").substring(0, 3));
            }
            assertEquals("452 4.5.3 Too many recipients", c.send("RCPT TO:<box@bob.example.test>"));
        }
    }

    @Test
    void messageRatePerClientGives450() throws Exception {
        try (SmtpConversation c = session()) {
            for (int i = 0; i < 5; i++) {
                assertEquals("250", c.send("MAIL FROM:<sender@elsewhere.example>").substring(0, 3));
                c.send("RSET");
            }
            assertTrue(c.send("MAIL FROM:<sender@elsewhere.example>").startsWith("450 4.7.1"));
        }
    }

    @Test
    void ipv6ClientsGetTheSameRules() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        Assumptions.assumeTrue(isBindable(v6), "no IPv6 loopback here");
        try (SmtpConversation c = SmtpConversation.open("::1", mx.port())) {
            c.reply();
            c.send("EHLO v6.example.net");
            c.send("MAIL FROM:<spammer@elsewhere.example>");
            assertTrue(c.send("RCPT TO:<victim@elsewhere.example>").startsWith("550 5.7.1"));
            assertTrue(c.send("RCPT TO:<victim%elsewhere.example@alice.example.test>").startsWith("553 5.1.3"));
            assertEquals("250", c.send("RCPT TO:<box@alice.example.test>").substring(0, 3));
        }
    }

    private static boolean isBindable(InetAddress a) {
        try (ServerSocket s = new ServerSocket(0, 1, a)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void connectionsPerClientBeyondTheLimitGet421() throws Exception {
        List<SmtpConversation> open = new ArrayList<>();
        try {
            for (int i = 0; i < h.config.limits().maxConnectionsPerClient(); i++) {
                SmtpConversation c = SmtpConversation.open("127.0.0.1", mx.port());
                assertTrue(c.reply().startsWith("220"));
                open.add(c);
            }
            try (SmtpConversation extra = SmtpConversation.open("127.0.0.1", mx.port())) {
                assertTrue(extra.reply().startsWith("421"));
            }
        } finally {
            for (SmtpConversation c : open) {
                c.close();
            }
        }
    }

    @Test
    void crlfInjectionInRecipientIsNotEchoed() throws Exception {
        try (SmtpConversation c = session()) {
            c.send("MAIL FROM:<sender@elsewhere.example>");
            String reply = c.send("RCPT TO:<victim@elsewhere.example\rX-Injected: yes>");
            assertTrue(!reply.contains("X-Injected"), reply);
        }
    }
}
