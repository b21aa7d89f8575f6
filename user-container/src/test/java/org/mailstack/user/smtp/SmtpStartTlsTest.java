package org.mailstack.user.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.tls.TlsMaterial;
import org.mailstack.core.tls.TlsProbes;
import org.mailstack.user.auth.RelayCredentials;
import org.mailstack.user.delivery.DeliveryAgent;
import org.mailstack.user.delivery.MemoryMailbox;
import org.mailstack.user.delivery.UnavailableForwarder;
import org.mailstack.user.sieve.SieveRules;
import org.mailstack.user.testing.Trust;

/**
 * STARTTLS (RFC 3207) with the container's certificate, then relay AUTH and a delivery over the encrypted link;
 * inside TLS, STARTTLS is neither offered nor taken.
 */
class SmtpStartTlsTest {
    private static final String SECRET = "relay-secret-for-tls-test-01";

    @TempDir
    Path dir;

    private TlsMaterial tls;
    private MemoryMailbox mailbox;
    private SmtpReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        tls = TlsMaterial.loadOrGenerate(dir.resolve("tls"), "bob.example.test");
        mailbox = new MemoryMailbox(0);
        receiver = new SmtpReceiver(InetAddress.getLoopbackAddress(), 0, "bob.example.test",
                new AccountAddresses("box@bob.example.test", Set.of()), new RelayCredentials(SECRET),
                new DeliveryAgent(mailbox, new SieveRules(dir.resolve("none")), new UnavailableForwarder(),
                        Set.of("box@bob.example.test")),
                100_000, Files.createDirectories(dir.resolve("spool")), Optional.of(tls.sslContext()));
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop();
    }

    @Test
    void tls12CbcSuitesAreRefusedAndAeadOnesTaken() throws Exception {
        for (String[] suites : new String[][] {TlsProbes.REFUSED_TLS12, TlsProbes.AEAD_TLS12}) {
            try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), receiver.port())) {
                Line line = new Line(plain);
                line.reply();
                line.command("EHLO relay.test");
                assertTrue(line.command("STARTTLS").startsWith("220"));
                if (suites == TlsProbes.REFUSED_TLS12) {
                    assertThrows(SSLHandshakeException.class, () -> TlsProbes.handshake(plain,
                            TlsProbes.tls12(suites)));
                } else {
                    assertTrue(TlsProbes.handshake(plain, TlsProbes.tls12(suites)).contains("_GCM_"));
                }
            }
        }
    }

    @Test
    void relayDeliversOverStartTls() throws Exception {
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), receiver.port())) {
            Line line = new Line(plain);
            assertTrue(line.reply().startsWith("220"));
            assertTrue(line.command("EHLO relay.test").contains("STARTTLS"));
            assertTrue(line.command("STARTTLS").startsWith("220"));
            SSLSocket secure = (SSLSocket) Trust.only(tls.certificate()).getSocketFactory()
                    .createSocket(plain, "bob.example.test", plain.getPort(), true);
            secure.startHandshake();
            Line tlsLine = new Line(secure);
            String ehlo = tlsLine.command("EHLO relay.test");
            assertTrue(ehlo.contains("AUTH PLAIN"), ehlo);
            assertFalse(ehlo.contains("STARTTLS"), "not offered again inside TLS: " + ehlo);
            assertTrue(tlsLine.command("STARTTLS").startsWith("503 5.5.1"));
            String token = Base64.getEncoder().encodeToString(("\0relay\0" + SECRET).getBytes(StandardCharsets.UTF_8));
            assertTrue(tlsLine.command("AUTH PLAIN " + token).startsWith("235"));
            assertTrue(tlsLine.command("MAIL FROM:<a@example.org>").startsWith("250"));
            assertTrue(tlsLine.command("RCPT TO:<box@bob.example.test>").startsWith("250"));
            assertTrue(tlsLine.command("DATA").startsWith("354"));
            assertTrue(tlsLine.command("Subject: tls\r\n\r\nsecret\r\n.").startsWith("250"));
        }
        assertEquals(1, mailbox.stored().size());
        assertTrue(mailbox.stored().get(0).text().contains(" with ESMTPSA id "), "RFC 3848 protocol name");
    }

    /** Minimal line-oriented client over any socket. */
    private static final class Line {
        private final BufferedReader in;
        private final OutputStream out;

        Line(Socket socket) throws IOException {
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        String command(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply();
        }

        String reply() throws IOException {
            StringBuilder all = new StringBuilder();
            String line;
            do {
                line = in.readLine();
                all.append(line).append('\n');
            } while (line != null && line.length() > 3 && line.charAt(3) == '-');
            return all.toString();
        }
    }
}
