package org.mailstack.main.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** Client-side TLS contexts for the relay's own connections. */
public final class ClientTls {
    private ClientTls() {
    }

    /**
     * Encrypts without verifying the peer: used towards user containers (self-signed, authenticated instead by the
     * relay secret they check) and for opportunistic STARTTLS to other MXs (RFC 7435), where a failed verification
     * would otherwise fall back to plain text anyway.
     */
    public static SSLSocketFactory unverified() {
        return unverifiedContext().getSocketFactory();
    }

    /** The context behind {@link #unverified()}: checks neither the chain nor the host name. */
    public static SSLContext unverifiedContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new AcceptAny()}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS provider", e);
        }
    }

    /**
     * Accepts every server. Extended, so that the JDK does not add a host-name check of its own when a client (such
     * as {@code java.net.http.HttpClient}) asks for endpoint identification.
     */
    private static final class AcceptAny extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not a server
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // not a server
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // not a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // unverified: see the class's methods
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // unverified: see the class's methods
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // unverified: see the class's methods
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
