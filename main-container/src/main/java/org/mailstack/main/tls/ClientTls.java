package org.mailstack.main.tls;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

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
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    // not a server
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // opportunistic: see the method comment
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS provider", e);
        }
    }
}
