package org.mailstack.webmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.tls.TlsMaterial;
import org.mailstack.core.tls.TlsProbes;

/** The webmail over HTTPS with the project's TLS material, as the main container runs it. */
class HttpsTest {

    @Test
    void servesHttpsWithHstsAndAcceptsSameOriginPosts(@TempDir Path dir) throws Exception {
        TlsMaterial tls = TlsMaterial.loadOrGenerate(dir, "localhost");
        try (MailFixture fixture = new MailFixture(b -> b.bind("localhost", 0), tls.sslContext())) {
            String base = "https://localhost:" + fixture.webmail.port();
            WebClient web = new WebClient(base, trusting(tls));
            web.origin = base;
            HttpResponse<String> login = web.get("/login");
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().firstValue("Strict-Transport-Security")).isPresent();
            HttpResponse<String> r = web.signIn(MailFixture.ALICE, MailFixture.ALICE_PW);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
            assertThat(web.get("/mail").body()).contains(MailFixture.ALICE);
        }
    }

    /** Jetty builds its settings from the context: core's TLS policy holds for the webmail too. */
    @Test
    void refusesTls12CbcSuitesAndTakesAeadOnes(@TempDir Path dir) throws Exception {
        TlsMaterial tls = TlsMaterial.loadOrGenerate(dir, "localhost");
        try (MailFixture fixture = new MailFixture(b -> b.bind("localhost", 0), tls.sslContext())) {
            int port = fixture.webmail.port();
            assertThatThrownBy(() -> TlsProbes.implicitTls(port, TlsProbes.tls12(TlsProbes.REFUSED_TLS12)))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(TlsProbes.implicitTls(port, TlsProbes.tls12(TlsProbes.AEAD_TLS12))).startsWith("TLSv1.2 ");
        }
    }

    private static SSLContext trusting(TlsMaterial tls) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("webmail", tls.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
