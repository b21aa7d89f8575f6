package org.mailstack.main.submission;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.james.jdkim.DKIMVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.auth.LoginLimiter;
import org.mailstack.core.auth.LoginPolicy;
import org.mailstack.main.MainContainer;
import org.mailstack.main.delivery.DkimKeys;
import org.mailstack.main.testing.FakeUserContainer;
import org.mailstack.main.testing.FixedAccountDirectory;
import org.mailstack.main.testing.SmtpConversation;
import org.mailstack.main.testing.TestConfigs;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The whole main container in-process: submission with AUTH checked by a fake credential check, local delivery into
 * a fake user container, outbound through GreenMail as the smarthost ("the Internet"), DKIM-signed.
 */
class SubmissionTest {
    /** 3 failures per client and account, 10 per client, at most 300 ms from others' failures. */
    private static final LoginPolicy LIMITS = new LoginPolicy(3, 10, Duration.ofMinutes(15), Duration.ofMillis(20),
            Duration.ofMillis(30), Duration.ofMillis(300), 1000);
    private final List<String> checkedFor = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;
    GreenMail internet;
    FakeUserContainer bob;
    MainContainer main;

    @BeforeEach
    void start() throws Exception {
        internet = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        internet.start();
        bob = new FakeUserContainer(dir, "box@bob.example.test", TestConfigs.accountSecret("bob"));
        var config = TestConfigs.ephemeral(dir, Map.of(
                "MAILSTACK_SMARTHOST", "127.0.0.1:" + internet.getSmtp().getPort(),
                "MAILSTACK_USER_SMTP_PORT", String.valueOf(bob.port()),
                "MAILSTACK_RETRY_INITIAL", "200ms"));
        FixedAccountDirectory accounts = new FixedAccountDirectory().with("alice", "127.0.0.1").with("bob", "127.0.0.1");
        CredentialCheck passwords = (account, login, password, client) -> {
            checkedFor.add(client.getAddress().getHostAddress());
            return login.equals("box@alice.example.test") && password.equals("alice-pw");
        };
        main = new MainContainer(config, accounts, passwords, new LoginLimiter(LIMITS, Clock.systemUTC())).start();
    }

    @AfterEach
    void stop() {
        main.close();
        bob.close();
        internet.stop();
    }

    private void send(int port, boolean implicitTls, String user, String password, String from, String to)
            throws Exception {
        Properties p = new Properties();
        String proto = implicitTls ? "smtps" : "smtp";
        p.put("mail." + proto + ".host", "127.0.0.1");
        p.put("mail." + proto + ".port", String.valueOf(port));
        p.put("mail." + proto + ".auth", "true");
        p.put("mail." + proto + ".starttls.enable", "true");
        p.put("mail." + proto + ".starttls.required", String.valueOf(!implicitTls));
        p.put("mail." + proto + ".ssl.trust", "*");
        p.put("mail." + proto + ".ssl.checkserveridentity", "false");
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject("hello from " + user);
        m.setText("body line\r\n.dot line\r\n");
        m.saveChanges();
        try (Transport t = session.getTransport(proto)) {
            t.connect(user, password);
            t.sendMessage(m, m.getAllRecipients());
        }
    }

    @Test
    void authenticatedMailToAnotherDomainLeavesDkimSigned() throws Exception {
        send(main.submissionPort(), false, "box@alice.example.test", "alice-pw", "box@alice.example.test",
                "friend@elsewhere.example");
        assertTrue(internet.waitForIncomingEmail(20_000, 1), "GreenMail received the message");
        MimeMessage got = internet.getReceivedMessages()[0];
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        got.writeTo(raw);
        assertTrue(got.getHeader("DKIM-Signature")[0].contains("d=example.test"));
        DkimKeys keys = DkimKeys.loadOrCreate(dir.resolve("state"), "example.test", "mailstack");
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> List.of(keys.dnsRecord()));
        assertEquals(1, verifier.verify(new ByteArrayInputStream(raw.toByteArray())).size());
    }

    @Test
    void authenticatedMailToALocalUserStaysInside() throws Exception {
        send(main.submissionsPort(), true, "box@alice.example.test", "alice-pw", "box@alice.example.test",
                "box@bob.example.test");
        await().atMost(Duration.ofSeconds(20)).until(() -> bob.received.size() == 1);
        assertEquals("box@alice.example.test", bob.received.get(0).from());
        assertEquals(0, internet.getReceivedMessages().length);
    }

    @Test
    void noCredentialOfTheWholeStackIsAcceptedNeitherTheKeyNorAnAccountsRelaySecret() throws Exception {
        for (String[] login : new String[][] {{"relay", TestConfigs.RELAY_KEY}, {"relay", TestConfigs.accountSecret("bob")},
                {"box@bob.example.test", TestConfigs.accountSecret("bob")}}) {
            try (SmtpConversation c = SmtpConversation.openTls("127.0.0.1", main.submissionsPort())) {
                c.reply();
                c.send("EHLO user-bob");
                assertEquals("535", c.send("AUTH PLAIN " + plain(login[0], login[1])).substring(0, 3), login[0]);
                assertEquals("530", c.send("MAIL FROM:<box@bob.example.test>").substring(0, 3));
            }
        }
    }

    @Test
    void theFromHeaderMustBeTheAccountsOwnAddressWhateverTheDisplayNameSays() throws Exception {
        String[] forged = {"From: box@bob.example.test", "From: \"box@alice.example.test\" <box@bob.example.test>",
            "From: Alice <box@alice.example.test>, Bob <box@bob.example.test>",
            "From: box@bob.example.test (box@alice.example.test)", "From: Alice\r\n <box@bob.example.test>"};
        for (String from : forged) {
            try (SmtpConversation c = SmtpConversation.openTls("127.0.0.1", main.submissionsPort())) {
                c.reply();
                c.send("EHLO client");
                assertEquals("235", c.send("AUTH PLAIN " + plain("box@alice.example.test", "alice-pw")).substring(0, 3));
                c.send("MAIL FROM:<box@alice.example.test>");
                c.send("RCPT TO:<box@bob.example.test>");
                c.send("DATA");
                assertEquals("553 5.7.1 The From header must be the authenticated account's address",
                        c.send(from + "\r\nSubject: forged\r\n\r\nbody\r\n."), from);
                c.send("RSET");
                c.send("MAIL FROM:<box@alice.example.test>");
                c.send("RCPT TO:<box@bob.example.test>");
                c.send("DATA");
                assertEquals("250", c.send("From: Alice <BOX@alice.example.test>\r\nSubject: own\r\n\r\nbody\r\n.")
                        .substring(0, 3));
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> bob.received.size() == forged.length);
        assertTrue(bob.received.stream().noneMatch(m -> new String(m.data(), StandardCharsets.US_ASCII)
                .contains("Subject: forged")));
    }

    @Test
    void anAccountMayNotUseTheNullSender() throws Exception {
        try (SmtpConversation c = SmtpConversation.openTls("127.0.0.1", main.submissionsPort())) {
            c.reply();
            c.send("EHLO client");
            assertEquals("235", c.send("AUTH PLAIN " + plain("box@alice.example.test", "alice-pw")).substring(0, 3));
            assertEquals("553 5.7.1 Sender address not owned by the authenticated user", c.send("MAIL FROM:<>"));
            assertEquals("250", c.send("MAIL FROM:<box@alice.example.test>").substring(0, 3));
        }
    }

    @Test
    void submissionRequiresTlsAndAuthAndTheSenderMustBeTheAccount() throws Exception {
        try (SmtpConversation c = SmtpConversation.open("127.0.0.1", main.submissionPort())) {
            c.reply();
            c.send("EHLO client");
            String auth = c.send("AUTH PLAIN " + plain("box@alice.example.test", "alice-pw"));
            assertTrue(auth.startsWith("530"), auth);
            String mail = c.send("MAIL FROM:<box@alice.example.test>");
            assertTrue(mail.startsWith("530"), mail);
        }
        try (SmtpConversation c = SmtpConversation.openTls("127.0.0.1", main.submissionsPort())) {
            c.reply();
            c.send("EHLO client");
            assertTrue(c.send("MAIL FROM:<box@alice.example.test>").startsWith("530"), "AUTH required");
            assertEquals("235", c.send("AUTH PLAIN " + plain("box@alice.example.test", "alice-pw")).substring(0, 3));
            assertEquals("553 5.7.1 Sender address not owned by the authenticated user",
                    c.send("MAIL FROM:<box@bob.example.test>"));
        }
    }

    @Test
    void failedAuthRefusesThatClientForThatAccount() throws Exception {
        try (SmtpConversation c = SmtpConversation.openTls("127.0.0.1", main.submissionsPort())) {
            c.reply();
            c.send("EHLO client");
            for (int i = 0; i < 3; i++) {
                assertEquals("535", c.send("AUTH PLAIN " + plain("box@alice.example.test", "guess" + i)).substring(0, 3));
            }
            assertTrue(c.send("AUTH PLAIN " + plain("box@alice.example.test", "alice-pw")).startsWith("454 4.7.0"),
                    "even the right password waits once the budget is spent");
        }
    }

    @Test
    void attackerFailuresFromOtherAddressesDoNotStopTheOwner() throws Exception {
        for (String attacker : new String[] {"127.0.0.2", "127.0.0.3", "127.0.0.4"}) {
            try (SmtpConversation c = SmtpConversation.openTls("127.0.0.1", main.submissionsPort(), attacker)) {
                c.reply();
                c.send("EHLO attacker");
                for (int i = 0; i < 5; i++) {
                    String reply = c.send("AUTH PLAIN " + plain("box@alice.example.test", "guess" + i));
                    assertTrue(reply.startsWith(i < 3 ? "535" : "454 4.7.0"), reply);
                }
            }
        }
        assertEquals(List.of("127.0.0.2", "127.0.0.2", "127.0.0.2", "127.0.0.3", "127.0.0.3", "127.0.0.3",
                "127.0.0.4", "127.0.0.4", "127.0.0.4"), checkedFor, "checked for each client, refused ones not at all");
        try (SmtpConversation c = SmtpConversation.openTls("127.0.0.1", main.submissionsPort(), "127.0.0.5")) {
            c.reply();
            c.send("EHLO owner");
            long start = System.nanoTime();
            assertEquals("235", c.send("AUTH PLAIN " + plain("box@alice.example.test", "alice-pw")).substring(0, 3));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 300 + 1_000, "the owner waited " + millis + " ms");
            assertEquals("250", c.send("MAIL FROM:<box@alice.example.test>").substring(0, 3));
        }
    }

    @Test
    void sprayingOneClientAcrossAccountsIsRefused() throws Exception {
        try (SmtpConversation c = SmtpConversation.openTls("127.0.0.1", main.submissionsPort(), "127.0.0.7")) {
            c.reply();
            c.send("EHLO sprayer");
            for (int i = 0; i < 10; i++) {
                assertEquals("535", c.send("AUTH PLAIN " + plain("box@u" + i + ".example.test", "x")).substring(0, 3));
            }
            assertTrue(c.send("AUTH PLAIN " + plain("box@alice.example.test", "alice-pw")).startsWith("454 4.7.0"));
        }
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }
}
