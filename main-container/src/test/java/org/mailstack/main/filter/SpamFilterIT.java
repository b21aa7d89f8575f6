package org.mailstack.main.filter;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.mailstack.main.MainContainer;
import org.mailstack.main.delivery.DkimKeys;
import org.mailstack.main.delivery.DkimSigner;
import org.mailstack.main.testing.FakeUserContainer;
import org.mailstack.main.testing.FixedAccountDirectory;
import org.mailstack.main.testing.MxClient;
import org.mailstack.main.testing.RspamdProcess;
import org.mailstack.main.testing.SmtpConversation;
import org.mailstack.main.testing.TestConfigs;
import org.mailstack.main.testing.TestDns;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The spam filter against Debian's real rspamd, started by the test on 127.0.0.1 with the stack's shipped
 * configuration (see {@link RspamdProcess}); its DNS is a {@link TestDns} serving SPF and DMARC records for test
 * domains, so nothing leaves the machine. The main container runs in-process: alice's container is a fake SMTP
 * receiver, the Internet a GreenMail smarthost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpamFilterIT {
    private static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    private static final String ALICE = "box@alice.example.test";
    private static final String HOST = "mail.example.test";

    /** Under target/ (kept for a look after a failure): rspamd's configuration and log, the spool, the TLS pair. */
    Path dir;
    TestDns dns;
    RspamdProcess rspamd;
    FakeUserContainer alice;
    GreenMail internet;
    MainContainer main;
    /** The key of signed.example: made by the test (RSA 2048), published in its DNS, used by the relay's signer. */
    DkimKeys signedExample;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(RspamdProcess.BINARY),
                "rspamd is not installed: apt-get install rspamd (scripts/lib/test-tools.sh does it)");
        dns = new TestDns()
                .txt("pass.example", "v=spf1 ip4:127.0.0.1 -all")
                .txt("spf-fail.example", "v=spf1 ip4:192.0.2.1 -all")
                .txt("bank.example", "v=spf1 ip4:192.0.2.1 -all")
                .txt("_dmarc.bank.example", "v=DMARC1; p=reject")
                .txt("signed.example", "v=spf1 ip4:127.0.0.1 -all");
        dir = Files.createDirectories(Path.of("target", "spam-filter-it", UUID.randomUUID().toString()))
                .toAbsolutePath();
        signedExample = DkimKeys.loadOrCreate(dir.resolve("signer"), "signed.example", "sel");
        // about 410 octets: served as two character-strings of one TXT record
        dns.txt(signedExample.dnsName(), signedExample.dnsRecord());
        rspamd = new RspamdProcess(Files.createDirectories(dir.resolve("rspamd")), dns.port()).start();
        alice = new FakeUserContainer(dir, ALICE, TestConfigs.accountSecret("alice"));
        internet = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        internet.start();
        main = new MainContainer(TestConfigs.ephemeral(dir, Map.of(
                "MAILSTACK_RSPAMD_URL", rspamd.url().toString(),
                "MAILSTACK_SPAM_TIMEOUT", "5s",
                "MAILSTACK_USER_SMTP_PORT", String.valueOf(alice.port()),
                "MAILSTACK_SMARTHOST", "127.0.0.1:" + internet.getSmtp().getPort(),
                "MAILSTACK_RETRY_INITIAL", "200ms")),
                new FixedAccountDirectory().with("alice", "127.0.0.1"),
                (account, login, password, client) -> login.equals(ALICE) && password.equals("alice-pw")).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (main != null) {
            main.close();
        }
        if (internet != null) {
            internet.stop();
        }
        if (alice != null) {
            alice.close();
        }
        if (rspamd != null) {
            rspamd.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    /** Sends one message on port 25 from 127.0.0.1; returns the reply to the final dot (or to a refused command). */
    private String sendToMx(String from, String header, String body) throws IOException {
        return sendToMx(from, message(from, header, body));
    }

    /** The message {@link #sendToMx(String, String, String)} sends: CRLF lines, no line starting with a dot. */
    private static String message(String from, String header, String body) {
        return "From: <" + from + ">\r\nTo: <" + ALICE + ">\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@" + from.substring(from.indexOf('@') + 1) + ">\r\n"
                + header + "\r\n" + body + "\r\n";
    }

    /** Sends {@code message} (CRLF lines, none starting with a dot) on port 25; returns the reply to the final dot. */
    private String sendToMx(String from, String message) throws IOException {
        try (SmtpConversation c = MxClient.greet(main.smtpPort())) {
            String r = c.send("MAIL FROM:<" + from + ">");
            if (!r.startsWith("250")) {
                return r;
            }
            r = c.send("RCPT TO:<" + ALICE + ">");
            if (!r.startsWith("250")) {
                return r;
            }
            c.send("DATA");
            return c.send(message + ".");
        }
    }

    /** The next message alice's container receives, as text. */
    private String nextAtAlice(int before) {
        await().atMost(Duration.ofSeconds(30)).until(() -> alice.received.size() > before);
        return new String(alice.received.get(before).data(), StandardCharsets.UTF_8);
    }

    private static String header(String message) {
        int end = message.indexOf("\r\n\r\n");
        return (end < 0 ? message : message.substring(0, end)).replace("\r\n\t", " ").replace("\r\n ", " ");
    }

    private static List<String> fields(String message, String name) {
        return Stream.of(header(message).split("\r\n"))
                .filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1)).toList();
    }

    private double metric(String series) throws Exception {
        double v = MxClient.value(MxClient.scrape(main.adminPort()), series);
        return Double.isNaN(v) ? 0 : v;
    }

    private long queued() throws IOException {
        try (Stream<Path> s = Stream.concat(Files.list(dir.resolve("spool").resolve("queue")),
                Files.list(dir.resolve("spool").resolve("tmp")))) {
            return s.count();
        }
    }

    @Test
    @Order(1)
    void gtubeOnPort25IsRefusedWithAGenericTextAndNothingIsQueued() throws Exception {
        int before = alice.received.size();
        String reply = sendToMx("someone@pass.example", "Subject: test\r\n", GTUBE);
        assertTrue(reply.startsWith("550 5.7.1 "), reply);
        assertFalse(reply.toLowerCase().contains("gtube"), "rspamd's symbols stay in the log: " + reply);
        assertEquals(0, queued(), "nothing in the spool");
        assertEquals(1.0, metric("mailstack_spam_scanned_total{listener=\"smtp\",verdict=\"rejected\"}"));
        assertEquals(1.0, metric("mailstack_messages_rejected_total{listener=\"smtp\",reason=\"spam\"}"));
        assertEquals(before, alice.received.size());
    }

    @Test
    @Order(2)
    void anOrdinaryMessageIsAcceptedWithOurAuthenticationResultsAndForgedOnesRemoved() throws Exception {
        int before = alice.received.size();
        String reply = sendToMx("someone@pass.example",
                "Subject: lunch\r\nAuthentication-Results: " + HOST + "; dkim=pass header.d=pass.example\r\n"
                        + "Authentication-Results: MAIL.example.test.;\r\n\tspf=pass\r\n"
                        + "Authentication-Results: mx.other.example; spf=pass smtp.mailfrom=pass.example\r\n"
                        + "X-Spam: No\r\nX-Spam-Status: No, score=-100\r\n",
                "Shall we have lunch on Thursday at the usual place?");
        assertTrue(reply.startsWith("250"), reply);
        String got = nextAtAlice(before);
        List<String> ours = fields(got, "Authentication-Results").stream()
                .filter(f -> f.toLowerCase().startsWith("authentication-results: " + HOST)).toList();
        assertEquals(1, ours.size(), "exactly one of our own, the forged ones removed:\n" + header(got));
        assertTrue(ours.get(0).contains("spf=pass") && ours.get(0).contains("smtp.mailfrom=someone@pass.example"),
                ours.get(0));
        assertFalse(ours.get(0).contains("dkim=pass"), ours.get(0));
        assertEquals(1, fields(got, "Authentication-Results").stream().filter(f -> f.contains("mx.other.example"))
                .count(), "another host's results stay");
        assertEquals(List.of(), fields(got, "X-Spam"), header(got));
        List<String> status = fields(got, "X-Spam-Status");
        assertEquals(1, status.size(), header(got));
        assertTrue(status.get(0).startsWith("X-Spam-Status: No, score="), status.get(0));
        assertEquals(1, fields(got, "X-Spam-Score").size(), header(got));
        assertTrue(header(got).indexOf("Authentication-Results: " + HOST) < header(got).indexOf("Received: from "
                + "it.example.net"), "our fields are above our own Received field:\n" + header(got));
    }

    @Test
    @Order(3)
    void aSenderFailingSpfIsMarkedSoInAuthenticationResultsAndAsSpam() throws Exception {
        int before = alice.received.size();
        String reply = sendToMx("news@spf-fail.example", "Subject: news\r\n", "The monthly news.");
        assertTrue(reply.startsWith("250"), reply);
        String got = nextAtAlice(before);
        String ar = fields(got, "Authentication-Results").get(0);
        assertTrue(ar.startsWith("Authentication-Results: " + HOST + ";") && ar.contains("spf=fail"), ar);
        // rspamd's add header (score past 6: the SPF failure and the symbols it brings)
        assertEquals(List.of("X-Spam: Yes"), fields(got, "X-Spam"), header(got));
        assertTrue(fields(got, "X-Spam-Status").get(0).startsWith("X-Spam-Status: Yes, score="), header(got));
        assertEquals(1.0, metric("mailstack_spam_scanned_total{listener=\"smtp\",verdict=\"marked\"}"));
    }

    @Test
    @Order(4)
    void aForgeryOfADomainWhoseDmarcPolicyIsRejectIsRefused() throws Exception {
        double rejected = metric("mailstack_spam_scanned_total{listener=\"smtp\",verdict=\"rejected\"}");
        String reply = sendToMx("ceo@bank.example", "Subject: urgent transfer\r\n", "Please pay the invoice today.");
        assertTrue(reply.startsWith("550 5.7.1 "), reply + "\nDNS questions: " + dns.questions);
        assertEquals(rejected + 1, metric("mailstack_spam_scanned_total{listener=\"smtp\",verdict=\"rejected\"}"));
        assertTrue(dns.questions.contains("_dmarc.bank.example. TXT"), dns.questions.toString());
    }

    private void submit(String subject, String body) throws MessagingException {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(main.submissionPort()));
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.trust", "*");
        p.put("mail.smtp.ssl.checkserveridentity", "false");
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(ALICE));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("friend@elsewhere.example"));
        m.setSubject(subject);
        m.setText(body);
        m.saveChanges();
        try (Transport t = session.getTransport("smtp")) {
            t.connect(ALICE, "alice-pw");
            t.sendMessage(m, m.getAllRecipients());
        }
    }

    @Test
    @Order(5)
    void submissionIsScannedAsOutboundAGtubeIsRefusedAndNotRelayedAndOrdinaryMailLeavesUnmarked() throws Exception {
        MessagingException e = assertThrows(MessagingException.class, () -> submit("offer", GTUBE));
        assertTrue(String.valueOf(e.getMessage()).contains("550") || String.valueOf(e.getCause()).contains("550"),
                e.toString());
        assertEquals(1.0, metric("mailstack_spam_scanned_total{listener=\"submission\",verdict=\"rejected\"}"));
        submit("minutes", "The minutes of today's meeting.");
        assertTrue(internet.waitForIncomingEmail(30_000, 1));
        MimeMessage[] out = internet.getReceivedMessages();
        assertEquals(1, out.length, "only the ordinary message left");
        assertEquals("minutes", out[0].getSubject());
        assertEquals(null, out[0].getHeader("X-Spam-Status"));
        assertEquals(null, out[0].getHeader("Authentication-Results"));
    }

    /** A message of signed.example with the DKIM-Signature field of its key (rsa-sha256, relaxed/relaxed) on top. */
    private String signed(String subject, String body) throws IOException {
        String message = message("news@signed.example", "Subject: " + subject + "\r\n", body);
        byte[] field = new DkimSigner(signedExample).sign(
                new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)));
        return new String(field, StandardCharsets.US_ASCII) + message;
    }

    /** Our own Authentication-Results field of {@code message}, unfolded. */
    private static String ours(String message) {
        List<String> ours = fields(message, "Authentication-Results").stream()
                .filter(f -> f.toLowerCase().startsWith("authentication-results: " + HOST)).toList();
        assertEquals(1, ours.size(), header(message));
        return ours.get(0);
    }

    @Test
    @Order(6)
    void aValidDkimSignatureWhoseKeyTheSendersDnsPublishesIsDkimPass() throws Exception {
        int before = alice.received.size();
        String message = signed("signed news", "This month's news, signed.\r\nA second line  with  spaces. \r\n");
        String signature = message.substring(0, message.indexOf("\r\n"));
        for (String tag : List.of("v=1;", "a=rsa-sha256;", "c=relaxed/relaxed;", "d=signed.example;", "s=sel;")) {
            assertTrue(signature.startsWith("DKIM-Signature: ") && signature.contains(" " + tag), signature);
        }
        String reply = sendToMx("news@signed.example", message);
        assertTrue(reply.startsWith("250"), reply);
        String ar = ours(nextAtAlice(before));
        assertTrue(ar.contains("dkim=pass") && ar.contains("header.d=signed.example"),
                ar + "\nDNS questions: " + dns.questions);
        assertTrue(dns.questions.contains("sel._domainkey.signed.example. TXT"), dns.questions.toString());
        assertTrue(ar.contains("spf=pass"), ar);
    }

    @Test
    @Order(7)
    void aSignedMessageWhoseBodyWasChangedAfterSigningIsDkimFail() throws Exception {
        int before = alice.received.size();
        String message = signed("signed news", "Pay 10 euros to the usual account.\r\n");
        String tampered = message.replace("Pay 10 euros", "Pay 990 euros");
        assertFalse(tampered.equals(message));
        String reply = sendToMx("news@signed.example", tampered);
        assertTrue(reply.startsWith("250"), reply);
        String ar = ours(nextAtAlice(before));
        assertTrue(ar.contains("dkim=fail") && ar.contains("header.d=signed.example"), ar);
        assertFalse(ar.contains("dkim=pass"), ar);
    }

    @Test
    @Order(8)
    void withRspamdDownMailIsAcceptedMarkedUnscannedAndCountedAndScanningResumesWhenItIsBack() throws Exception {
        rspamd.stop();
        int before = alice.received.size();
        String reply = sendToMx("someone@pass.example", "Subject: while it is down\r\n", "Still arrives.");
        assertTrue(reply.startsWith("250"), reply);
        String got = nextAtAlice(before);
        assertEquals(List.of("X-Spam-Status: unscanned"), fields(got, "X-Spam-Status"), header(got));
        assertEquals(List.of(), fields(got, "Authentication-Results").stream().filter(f -> f.contains(HOST)).toList());
        assertEquals(1.0, metric("mailstack_spam_unscanned_total{cause=\"unreachable\",listener=\"smtp\"}"));

        rspamd.start();
        assertTrue(sendToMx("someone@pass.example", "Subject: spam again\r\n", GTUBE).startsWith("550 5.7.1 "));
        int now = alice.received.size();
        assertTrue(sendToMx("someone@pass.example", "Subject: back\r\n", "Scanned again.").startsWith("250"));
        String scanned = nextAtAlice(now);
        assertTrue(fields(scanned, "X-Spam-Status").get(0).startsWith("X-Spam-Status: No, score="), header(scanned));
        assertTrue(metric("mailstack_spam_scan_seconds_count{listener=\"smtp\"}") >= 6);
    }
}
