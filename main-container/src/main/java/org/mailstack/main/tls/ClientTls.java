package org.mailstack.main.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.mailstack.core.tls.TlsPolicy;

/** Client-side TLS contexts for the relay's own connections: unverified (opportunistic) or {@link #verified}. */
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

    /**
     * Verifies the server: its chain against the JVM's trust store (the system's CAs), or against only the CA
     * certificates of {@code caFile} (PEM), and its name against the host the socket is made for; core's
     * {@link TlsPolicy} sets the protocols and suites. Used towards the smarthost, which gets the password.
     *
     * @throws IOException when {@code caFile} cannot be read or holds no certificate
     */
    public static SSLSocketFactory verified(Optional<Path> caFile) throws IOException {
        try {
            KeyStore anchors = null;
            if (caFile.isPresent()) {
                anchors = KeyStore.getInstance("PKCS12");
                anchors.load(null, null);
                Collection<? extends Certificate> certs;
                try (InputStream in = Files.newInputStream(caFile.get())) {
                    certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
                } catch (CertificateException e) {
                    throw new IOException("CA file " + caFile.get() + " holds no readable PEM certificate: "
                            + e.getMessage(), e);
                }
                if (certs.isEmpty()) {
                    throw new IOException("CA file " + caFile.get() + " holds no certificate");
                }
                int i = 0;
                for (Certificate c : certs) {
                    anchors.setCertificateEntry("ca-" + i++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
            return TlsPolicy.verifyingClient(ctx).getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS provider", e);
        }
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
