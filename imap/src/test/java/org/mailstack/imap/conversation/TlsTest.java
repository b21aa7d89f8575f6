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
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
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

    static SSLContext trustAll() throws Exception {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return c;
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
            SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket(plain, "localhost",
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
        try (SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", server.tlsPort())) {
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
        try (Socket plain = new Socket("127.0.0.1", server.port())) {
            plain.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(),
                    StandardCharsets.US_ASCII));
            in.readLine();
            plain.getOutputStream().write("a STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(in.readLine().startsWith("a OK"));
            assertThrows(SSLHandshakeException.class,
                    () -> TlsProbes.handshake(plain, TlsProbes.tls12(TlsProbes.REFUSED_TLS12)));
        }
    }
}
