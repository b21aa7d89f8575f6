package org.mailstack.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server context of {@link TlsMaterial} keeps to {@link TlsPolicy} in every socket and engine it makes. */
class TlsPolicyTest {
    @TempDir
    Path dir;
    SSLContext context;
    SSLServerSocket server;
    ExecutorService acceptor = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() throws Exception {
        context = TlsMaterial.loadOrGenerate(dir, "mail.example.test").sslContext();
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10,
                InetAddress.getLoopbackAddress());
        acceptor.submit(() -> {
            while (!server.isClosed()) {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(5_000);
                    s.startHandshake();
                    s.getOutputStream().write('!');
                    s.getOutputStream().flush();
                } catch (Exception e) {
                    // a refused handshake: the next client
                }
            }
            return null;
        });
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.shutdownNow();
        acceptor.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static void onlyPolicy(String[] protocols, String[] suites) {
        assertEquals(TlsPolicy.PROTOCOLS, List.of(protocols));
        for (String s : suites) {
            boolean tls13 = !s.contains("_WITH_");
            assertTrue(tls13 || TlsPolicy.TLS12_SUITES.contains(s), s);
            assertFalse(s.contains("CBC") || s.endsWith("_SHA") || s.startsWith("TLS_RSA_"), s);
        }
        assertTrue(Arrays.asList(suites).containsAll(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384")),
                "TLS 1.3 suites as the JDK has them: " + Arrays.toString(suites));
    }

    @Test
    void everySocketAndEngineTheContextMakesHasOnlyThePolicy() throws Exception {
        onlyPolicy(server.getEnabledProtocols(), server.getEnabledCipherSuites());
        onlyPolicy(context.createSSLEngine().getEnabledProtocols(), context.createSSLEngine().getEnabledCipherSuites());
        onlyPolicy(context.getDefaultSSLParameters().getProtocols(), context.getDefaultSSLParameters().getCipherSuites());
        onlyPolicy(context.getSupportedSSLParameters().getProtocols(),
                context.getSupportedSSLParameters().getCipherSuites());
        try (SSLSocket unconnected = (SSLSocket) context.getSocketFactory().createSocket()) {
            onlyPolicy(unconnected.getEnabledProtocols(), unconnected.getEnabledCipherSuites());
        }
        assertTrue(server.getSSLParameters().getUseCipherSuitesOrder(), "the server's order decides");
    }

    @Test
    void aClientOfferingOnlyCbcOrStaticRsaSuitesIsRefused() {
        assertThrows(SSLHandshakeException.class,
                () -> TlsProbes.implicitTls(server.getLocalPort(), TlsProbes.tls12(TlsProbes.REFUSED_TLS12)));
    }

    @Test
    void tls12WithAnAeadSuiteAndTls13AreAccepted() throws Exception {
        assertEquals("TLSv1.2 TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                TlsProbes.implicitTls(server.getLocalPort(), TlsProbes.tls12(TlsProbes.AEAD_TLS12)));
        assertTrue(TlsProbes.implicitTls(server.getLocalPort(), s -> { }).startsWith("TLSv1.3 "));
    }

    /** A client trusting exactly the server's self-signed certificate, through {@link TlsPolicy#verifyingClient}. */
    private SSLContext clientTrustingTheServer() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", TlsMaterial.load(dir).certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext base = SSLContext.getInstance("TLS");
        base.init(null, tmf.getTrustManagers(), null);
        return TlsPolicy.verifyingClient(base);
    }

    /** Connects to the test server as {@code name} through {@code client}; returns the protocol agreed. */
    private String handshakeAs(SSLContext client, String name) throws Exception {
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             SSLSocket tls = (SSLSocket) client.getSocketFactory().createSocket(plain, name, server.getLocalPort(),
                     true)) {
            tls.setSoTimeout(5_000);
            onlyPolicy(tls.getEnabledProtocols(), tls.getEnabledCipherSuites());
            assertEquals(TlsPolicy.NAME_CHECK, tls.getSSLParameters().getEndpointIdentificationAlgorithm());
            tls.startHandshake();
            return tls.getSession().getProtocol();
        }
    }

    @Test
    void theVerifyingClientKeepsToThePolicyAndChecksTheChainAndTheServersName() throws Exception {
        SSLContext client = clientTrustingTheServer();
        assertEquals("TLSv1.3", handshakeAs(client, "mail.example.test"));
        SSLHandshakeException wrongName = assertThrows(SSLHandshakeException.class,
                () -> handshakeAs(client, "other.example.test"));
        assertTrue(String.valueOf(wrongName.getMessage()).contains("other.example.test"), wrongName.getMessage());
        SSLContext trustsAnother = SSLContext.getInstance("TLS");
        KeyStore another = KeyStore.getInstance("PKCS12");
        another.load(null, null);
        another.setCertificateEntry("unrelated", TlsMaterial.loadOrGenerate(dir.resolve("other"), "mail.example.test")
                .certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(another);
        trustsAnother.init(null, tmf.getTrustManagers(), null);
        assertThrows(SSLHandshakeException.class,
                () -> handshakeAs(TlsPolicy.verifyingClient(trustsAnother), "mail.example.test"),
                "a certificate for the right name from a key the client does not trust");
        assertEquals(null, TlsPolicy.server(trustsAnother).getDefaultSSLParameters()
                .getEndpointIdentificationAlgorithm(), "servers check no name");
    }

    @Test
    void tls10And11AreNotEnabledEvenWhenTheJdkWouldAllowThem() {
        assertFalse(Arrays.asList(server.getEnabledProtocols()).contains("TLSv1.1"));
        assertFalse(Arrays.asList(context.createSSLEngine().getEnabledProtocols()).contains("TLSv1"));
    }
}
