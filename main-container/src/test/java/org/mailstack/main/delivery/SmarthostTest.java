package org.mailstack.main.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.files.LogCapture;
import org.mailstack.core.tls.TlsProbes;
import org.mailstack.main.MainContainer;
import org.mailstack.main.testing.FixedAccountDirectory;
import org.mailstack.main.testing.SmtpConversation;
import org.mailstack.main.testing.TestCa;
import org.mailstack.main.testing.TestConfigs;
import org.mailstack.main.testing.TestSmarthost.Login;
import org.mailstack.main.testing.TestSmarthost;

/**
 * Sending through a smarthost that wants a login, the whole main container in-process: alice submits on 465, the
 * queue delivers to a local submission server ({@link TestSmarthost}) on 127.0.0.1 whose certificate a CA made for
 * the test issued. The password comes from a file, the CA from {@code MAILSTACK_SMARTHOST_CA_FILE}.
 */
class SmarthostTest {
    private static final String USER = "relay@provider.test";
    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    TestCa ca;
    Path caFile;
    Path passwordFile;
    LogCapture log;
    TestSmarthost smarthost;
    MainContainer main;

    @BeforeEach
    void setUp() throws Exception {
        ca = TestCa.create("Smarthost Test CA");
        caFile = ca.writePem(dir.resolve("ca.pem"));
        passwordFile = dir.resolve("smarthost_password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        log = LogCapture.start();
    }

    @AfterEach
    void tearDown() {
        if (main != null) {
            main.close();
        }
        if (smarthost != null) {
            smarthost.close();
        }
        log.close();
    }

    /** The main container sending through {@code address} as {@link #USER}, plus {@code extra} settings. */
    private void startMain(String address, Map<String, String> extra) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of(
                "MAILSTACK_SMARTHOST", address,
                "MAILSTACK_SMARTHOST_USER", USER,
                "MAILSTACK_SMARTHOST_PASSWORD_FILE", passwordFile.toString(),
                "MAILSTACK_SMARTHOST_CA_FILE", caFile.toString(),
                "MAILSTACK_RETRY_INITIAL", "200ms",
                "MAILSTACK_RETRY_MAX", "1s",
                "MAILSTACK_WEBMAIL_PORT", "-1"));
        env.putAll(extra);
        main = new MainContainer(TestConfigs.ephemeral(dir.resolve("main"), env),
                new FixedAccountDirectory().with("alice", "127.0.0.1"),
                (account, login, password, client) -> login.equals("box@alice.example.test")
                        && password.equals("alice-pw")).start();
    }

    /** Alice submits one message to another domain; the main container takes it (250). */
    private void submit() throws IOException {
        try (SmtpConversation c = SmtpConversation.openTls("127.0.0.1", main.submissionsPort())) {
            c.reply();
            c.send("EHLO alice-laptop");
            String plain = Base64.getEncoder().encodeToString(
                    "\0box@alice.example.test\0alice-pw".getBytes(StandardCharsets.UTF_8));
            assertEquals("235", c.send("AUTH PLAIN " + plain).substring(0, 3));
            assertEquals("250", c.send("MAIL FROM:<box@alice.example.test>").substring(0, 3));
            assertEquals("250", c.send("RCPT TO:<friend@elsewhere.example>").substring(0, 3));
            assertEquals("354", c.send("DATA").substring(0, 3));
            assertEquals("250", c.send("From: box@alice.example.test\r\nTo: friend@elsewhere.example\r\n"
                    + "Subject: via the smarthost\r\n\r\nhello\r\n.").substring(0, 3));
        }
    }

    /** The envelopes waiting in the spool, as text ({@code attempts:} and {@code error:} lines among them). */
    private List<String> queued() {
        Path queue = dir.resolve("main/spool/queue");
        try (Stream<Path> files = Files.list(queue)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".env")).map(p -> {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one queued entry once it has been tried {@code attempts} times; its {@code error:} line. */
    private String queuedErrorAfter(int attempts) {
        await().atMost(WAIT).until(() -> queued().stream().anyMatch(
                env -> attemptsOf(env) >= attempts));
        List<String> q = queued();
        assertEquals(1, q.size(), q.toString());
        return q.get(0).lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow();
    }

    private static int attemptsOf(String env) {
        Matcher m = Pattern.compile("(?m)^attempts: (\\d+)$").matcher(env);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** {@code mailstack_smarthost_failures_total} for {@code reason}, read from /metrics (0 when absent). */
    private double failures(String reason) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + main.adminPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("(?m)^mailstack_smarthost_failures_total\\{reason=\"" + reason + "\"} (\\S+)$")
                .matcher(r.body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private String receivedText(int i) {
        return new String(smarthost.received.get(i).data(), StandardCharsets.UTF_8);
    }

    @Test
    void overStartTlsTheRightPasswordIsSentAfterTheHandshakeAndTheMessageIsDelivered() throws Exception {
        smarthost = new TestSmarthost(TestSmarthost.Tls.STARTTLS, ca.serverContext("localhost"), USER, PASSWORD,
                "PLAIN", "LOGIN");
        startMain("localhost:" + smarthost.port(), Map.of());
        submit();
        await().atMost(WAIT).until(() -> smarthost.received.size() == 1);
        assertEquals(List.of(new Login("PLAIN", USER, PASSWORD, true)), smarthost.logins,
                "one AUTH PLAIN, over TLS, with the password of the file without its line break");
        assertEquals("box@alice.example.test", smarthost.received.get(0).from());
        assertEquals("friend@elsewhere.example", smarthost.received.get(0).to());
        assertTrue(receivedText(0).contains("Subject: via the smarthost"), receivedText(0));
        assertTrue(receivedText(0).contains("DKIM-Signature: ") && receivedText(0).contains("d=example.test"),
                "signed before it leaves: " + receivedText(0));
        await().atMost(WAIT).until(() -> queued().isEmpty());
        assertEquals(0, failures("login_refused") + failures("tls_failed") + failures("no_starttls"));
        assertFalse(log.text().contains(PASSWORD), "the password is in no log line");
    }

    @Test
    void implicitTlsOnASecondServerDeliversToo() throws Exception {
        smarthost = new TestSmarthost(TestSmarthost.Tls.IMPLICIT, ca.serverContext("127.0.0.1"), USER, PASSWORD,
                "PLAIN");
        startMain(smarthost.address(), Map.of("MAILSTACK_SMARTHOST_TLS", "implicit"));
        submit();
        await().atMost(WAIT).until(() -> smarthost.received.size() == 1);
        assertEquals(List.of(new Login("PLAIN", USER, PASSWORD, true)), smarthost.logins);
        assertTrue(receivedText(0).contains("Subject: via the smarthost"));
    }

    @Test
    void aServerOfferingOnlyLoginGetsAuthLogin() throws Exception {
        smarthost = new TestSmarthost(TestSmarthost.Tls.STARTTLS, ca.serverContext("127.0.0.1"), USER, PASSWORD,
                "LOGIN");
        startMain(smarthost.address(), Map.of());
        submit();
        await().atMost(WAIT).until(() -> smarthost.received.size() == 1);
        assertEquals(List.of(new Login("LOGIN", USER, PASSWORD, true)), smarthost.logins);
    }

    @Test
    void aRefusedLoginKeepsTheMessageQueuedSaysSoOnceAndIsRetriedUntilThePasswordIsFixed() throws Exception {
        Files.writeString(passwordFile, "wrong-password\n");
        smarthost = new TestSmarthost(TestSmarthost.Tls.STARTTLS, ca.serverContext("127.0.0.1"), USER, PASSWORD,
                "PLAIN", "LOGIN");
        startMain(smarthost.address(), Map.of());
        submit();
        String error = queuedErrorAfter(2);
        assertTrue(error.startsWith("error: 451 4.7.0 smarthost refused our login: 535"), error);
        assertTrue(smarthost.received.isEmpty());
        assertTrue(smarthost.logins.size() >= 2, "retried: " + smarthost.logins);
        assertTrue(smarthost.logins.stream().allMatch(l -> l.equals(new Login("PLAIN", USER, "wrong-password", true))),
                smarthost.logins.toString());
        assertTrue(failures("login_refused") >= 2, "counted at each attempt");
        List<String> lines = log.linesWith("refused the login of user " + USER);
        assertFalse(lines.isEmpty(), log.text());
        assertTrue(lines.get(0).contains("WARN") && lines.get(0).contains(smarthost.address())
                && lines.get(0).contains("535"), lines.get(0));

        Files.writeString(passwordFile, PASSWORD + "\n");
        await().atMost(WAIT).until(() -> smarthost.received.size() == 1);
        await().atMost(WAIT).until(() -> queued().isEmpty());
        assertEquals(new Login("PLAIN", USER, PASSWORD, true), smarthost.logins.get(smarthost.logins.size() - 1));
        String all = log.text();
        assertFalse(all.contains("wrong-password") || all.contains(PASSWORD), "no password in any log line");
    }

    @Test
    void aCertificateFromAnotherCaGetsNothingNotEvenTheLogin() throws Exception {
        untrustedServerGetsNothing(TestCa.create("Someone Else's CA").serverContext("127.0.0.1", "localhost"));
    }

    @Test
    void aCertificateForAnotherNameGetsNothingNotEvenTheLogin() throws Exception {
        untrustedServerGetsNothing(ca.serverContext("mail.other.test"));
    }

    private void untrustedServerGetsNothing(SSLContext serverContext) throws Exception {
        smarthost = new TestSmarthost(TestSmarthost.Tls.STARTTLS, serverContext, USER, PASSWORD, "PLAIN", "LOGIN");
        startMain(smarthost.address(), Map.of());
        submit();
        String error = queuedErrorAfter(1);
        assertEquals("error: 451 4.7.0 smarthost's certificate not verified; nothing sent", error);
        assertTrue(failures("tls_failed") >= 1);
        assertEquals(List.of(), smarthost.logins, "no AUTH reached the server");
        assertEquals(List.of(), smarthost.received);
        assertFalse(log.linesWith("TLS failed, certificate not verified").isEmpty(), log.text());
    }

    @Test
    void aSmarthostOfferingOnlyCbcSuitesGetsNothing() throws Exception {
        smarthost = new TestSmarthost(TestSmarthost.Tls.IMPLICIT_CBC_ONLY, ca.serverContext("127.0.0.1"), USER,
                PASSWORD, "PLAIN");
        assertTrue(TlsProbes.implicitTls(smarthost.port(), TlsProbes.tls12(TlsProbes.REFUSED_TLS12))
                .startsWith("TLSv1.2 TLS_ECDHE_ECDSA_WITH_AES_"), "a client that takes CBC gets through");
        startMain(smarthost.address(), Map.of("MAILSTACK_SMARTHOST_TLS", "implicit"));
        submit();
        assertEquals("error: 451 4.7.0 TLS handshake with the smarthost failed; nothing sent", queuedErrorAfter(1));
        assertTrue(failures("tls_failed") >= 1);
        assertEquals(List.of(), smarthost.logins);
        assertEquals(List.of(), smarthost.received);
    }

    @Test
    void aServerWithoutStartTlsNeverGetsThePassword() throws Exception {
        smarthost = new TestSmarthost(TestSmarthost.Tls.NONE, null, USER, PASSWORD, "PLAIN", "LOGIN");
        startMain(smarthost.address(), Map.of());
        submit();
        String error = queuedErrorAfter(2);
        assertEquals("error: 451 4.7.0 smarthost offers no STARTTLS, which is required; nothing sent", error);
        assertTrue(failures("no_starttls") >= 2);
        assertEquals(List.of(), smarthost.logins, "no AUTH reached the server");
        assertEquals(List.of(), smarthost.received);
        // The server would have taken a password in clear: the client is what held it back.
        try (SmtpConversation c = SmtpConversation.open("127.0.0.1", smarthost.port())) {
            c.reply();
            String ehlo = c.send("EHLO probe");
            assertTrue(ehlo.contains("AUTH PLAIN LOGIN") && !ehlo.contains("STARTTLS"), ehlo);
            c.send("AUTH PLAIN " + Base64.getEncoder().encodeToString(
                    ("\0" + USER + "\0guess").getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals(List.of(new Login("PLAIN", USER, "guess", false)), smarthost.logins);
    }

    @Test
    void anUnreadablePasswordFileSendsNothingAndSaysWhichFile() throws Exception {
        Files.delete(passwordFile);
        smarthost = new TestSmarthost(TestSmarthost.Tls.STARTTLS, ca.serverContext("127.0.0.1"), USER, PASSWORD,
                "PLAIN");
        startMain(smarthost.address(), Map.of());
        submit();
        assertEquals("error: 451 4.7.0 smarthost password unavailable; nothing sent", queuedErrorAfter(1));
        assertTrue(failures("password_unavailable") >= 1);
        assertFalse(log.linesWith("the password file " + passwordFile + " cannot be used").isEmpty(), log.text());
        assertEquals(List.of(), smarthost.logins);
        Files.writeString(passwordFile, PASSWORD);
        await().atMost(WAIT).until(() -> smarthost.received.size() == 1);
    }
}
