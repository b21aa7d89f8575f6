package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.tls.TlsMaterial;
import org.mailstack.core.tls.TlsProbes;
import org.mailstack.imap.testkit.TestImapServer;

/** STARTTLS on the plain port (RFC 3501 section 6.2.1) and implicit TLS on the other (RFC 8314). */
class TlsTest {
    @TempDir
    Path dir;
    TestImapServer server;

    @BeforeEach
    void start() throws Exception {
        SSLContext context = TlsMaterial.loadOrGenerate(dir.resolve("tls"), "localhost").sslContext();
        server = TestImapServer.start(dir.resolve("Maildir"), context, false, b -> { });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void startTlsUpgradesAndEnablesLogin() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", server.port())) {
            plain.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = plain.getOutputStream();
            String greeting = in.readLine();
            assertTrue(greeting.contains("STARTTLS") && greeting.contains("LOGINDISABLED"), greeting);
            out.write("a STARTTLS\r\nb LOGIN alice secret\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("a OK Begin TLS negotiation now.", in.readLine());
            SSLSocket tls = (SSLSocket) TlsProbes.anyServer().createSocket(plain, "localhost",
                    server.port(), true);
            tls.startHandshake();
            BufferedReader tin = new BufferedReader(new InputStreamReader(tls.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream tout = tls.getOutputStream();
            tout.write("c CAPABILITY\r\n".getBytes(StandardCharsets.US_ASCII));
            tout.flush();
            String caps = tin.readLine();
            assertFalse(caps.contains("STARTTLS"), caps);
            assertTrue(caps.contains("AUTH=PLAIN"), caps);
            String next = tin.readLine();
            assertTrue(next.startsWith("c OK"), "the injected plain-text LOGIN must not run: " + next);
            tout.write("d LOGIN alice secret\r\n".getBytes(StandardCharsets.US_ASCII));
            tout.flush();
            assertTrue(tin.readLine().startsWith("d OK"));
        }
    }

    @Test
    void implicitTlsPortGreetsOverTls() throws Exception {
        try (SSLSocket tls = (SSLSocket) TlsProbes.anyServer().createSocket("127.0.0.1", server.tlsPort())) {
            tls.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(tls.getInputStream(),
                    StandardCharsets.US_ASCII));
            String greeting = in.readLine();
            assertTrue(greeting.startsWith("* OK") && greeting.contains("AUTH=PLAIN"), greeting);
            assertFalse(greeting.contains("STARTTLS"), greeting);
            tls.getOutputStream().write("a LOGIN alice secret\r\n".getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            assertTrue(in.readLine().startsWith("a OK"));
        }
    }

    /** The context from core's TLS material carries its policy through Netty's engines (both ports). */
    @Test
    void bothPortsRefuseTls12CbcSuitesAndTakeAeadOnes() throws Exception {
        assertThrows(SSLHandshakeException.class,
                () -> TlsProbes.implicitTls(server.tlsPort(), TlsProbes.tls12(TlsProbes.REFUSED_TLS12)));
        assertTrue(TlsProbes.implicitTls(server.tlsPort(), TlsProbes.tls12(TlsProbes.AEAD_TLS12))
                .startsWith("TLSv1.2 "));
        assertThrows(SSLHandshakeException.class, () -> TlsProbes.startTls(server.port(), "a STARTTLS", "a OK",
                TlsProbes.tls12(TlsProbes.REFUSED_TLS12)));
    }
}
