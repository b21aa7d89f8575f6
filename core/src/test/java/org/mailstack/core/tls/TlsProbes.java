package org.mailstack.core.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS clients for policy tests of every listener: they offer what a test names, trust any server, and report the
 * suite negotiated (or fail the handshake). Only for 127.0.0.1.
 */
public final class TlsProbes {
    /** TLS 1.2 suites the JDK's client still offers and {@link TlsPolicy} refuses: CBC (SHA-1 and SHA-2 MACs), static RSA. */
    public static final String[] REFUSED_TLS12 = {
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA"};
    /** A TLS 1.2 suite of the policy, for either key type (the self-signed certificates are EC). */
    public static final String[] AEAD_TLS12 = {
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"};

    private TlsProbes() {
    }

    /** Makes a client socket offer TLS 1.2 with these suites only. */
    public static Consumer<SSLSocket> tls12(String... suites) {
        return socket -> {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(suites);
        };
    }

    /** A client factory that checks no certificate (the servers under test have self-signed ones). */
    public static SSLSocketFactory anyServer() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {new TrustAll()}, null);
            return c.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Layers a client over {@code plain}, set up by {@code offer}, and shakes hands; returns the suite agreed. */
    public static String handshake(Socket plain, Consumer<SSLSocket> offer) throws IOException {
        SSLSocket tls = (SSLSocket) anyServer().createSocket(plain, "127.0.0.1", plain.getPort(), true);
        offer.accept(tls);
        tls.startHandshake();
        return tls.getSession().getCipherSuite();
    }

    /** Connects to an implicit-TLS port on 127.0.0.1 and shakes hands; returns "protocol suite" as agreed. */
    public static String implicitTls(int port, Consumer<SSLSocket> offer) throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            plain.setSoTimeout(10_000);
            SSLSocket tls = (SSLSocket) anyServer().createSocket(plain, "127.0.0.1", port, false);
            offer.accept(tls);
            tls.startHandshake();
            return tls.getSession().getProtocol() + " " + tls.getSession().getCipherSuite();
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // a client's trust manager
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // any server: tests of the servers' own policy
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
