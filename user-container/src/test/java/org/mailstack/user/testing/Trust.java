package org.mailstack.user.testing;

import java.io.InputStream;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.testcontainers.containers.GenericContainer;

/** TLS client contexts for tests that trust exactly one (self-signed) server certificate. */
public final class Trust {
    private Trust() {}

    public static SSLContext only(X509Certificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("server", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** Trusts the certificate a user container generated for itself in its home. */
    public static SSLContext ofUserContainer(GenericContainer<?> container) {
        return container.copyFileFromContainer("/home/box/.tls/fullchain.pem", pem -> only(readPem(pem)));
    }

    /** The first certificate of a PEM stream. */
    public static X509Certificate readPem(InputStream pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
    }
}
