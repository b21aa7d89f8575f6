package org.mailstack.core.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
    /** TLS 1.2 suites the JDK's client still offers and {@link TlsPolicy} refuses: CBC (SHA-1, SHA-2), static RSA. */
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

    /** A client context that checks no certificate (the servers under test have self-signed ones). */
    public static SSLContext anyServerContext() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {new TrustAll()}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The socket factory of {@link #anyServerContext()}. */
    public static SSLSocketFactory anyServer() {
        return anyServerContext().getSocketFactory();
    }

    /**
     * A line protocol's STARTTLS on 127.0.0.1: reads the greeting line, sends {@code command} (IMAP's
     * {@code a STARTTLS}), expects a line starting with {@code ok} and shakes hands; returns the suite agreed.
     */
    public static String startTls(int port, String command, String ok, Consumer<SSLSocket> offer)
            throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            plain.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(),
                    StandardCharsets.US_ASCII));
            in.readLine();
            plain.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = in.readLine();
            if (answer == null || !answer.startsWith(ok)) {
                throw new IOException("no " + ok + " to " + command + ": " + answer);
            }
            return handshake(plain, offer);
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

    /** Checks nothing: the tests look at what the server offers or presents, not whether it is trusted. */
    static final class TrustAll implements X509TrustManager {
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
