package org.mailstack.main.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.tls.TlsProbes;
import org.mailstack.main.MainContainer;
import org.mailstack.main.testing.FixedAccountDirectory;
import org.mailstack.main.testing.SmtpConversation;
import org.mailstack.main.testing.TestConfigs;

/**
 * Every TLS listener of the main container keeps to core's TLS policy: SMTP and submission after STARTTLS,
 * submissions, IMAP after STARTTLS, IMAPS and the webmail's HTTPS refuse a client offering only CBC or static-RSA
 * suites of TLS 1.2, and take one offering an AEAD suite.
 */
class TlsPolicyOfEveryListenerTest {
    @TempDir
    Path dir;
    MainContainer main;

    @BeforeEach
    void start() throws Exception {
        main = new MainContainer(TestConfigs.ephemeral(dir), new FixedAccountDirectory(),
                (account, login, password, client) -> false).start();
    }

    @AfterEach
    void stop() {
        main.close();
    }

    private static String smtpStartTls(int port, Consumer<SSLSocket> offer) throws IOException {
        try (SmtpConversation c = SmtpConversation.open("127.0.0.1", port)) {
            c.reply();
            c.send("EHLO probe.example.net");
            assertTrue(c.startTls(offer).startsWith("220"));
            return c.send("NOOP");
        }
    }

    @Test
    void smtpAndSubmissionRefuseCbcSuitesAfterStartTls() throws Exception {
        for (int port : new int[] {main.smtpPort(), main.submissionPort()}) {
            assertThrows(SSLHandshakeException.class,
                    () -> smtpStartTls(port, TlsProbes.tls12(TlsProbes.REFUSED_TLS12)), "port " + port);
            assertEquals("250 Ok", smtpStartTls(port, TlsProbes.tls12(TlsProbes.AEAD_TLS12)));
        }
    }

    @Test
    void implicitTlsListenersRefuseCbcSuites() throws Exception {
        for (int port : new int[] {main.submissionsPort(), main.imapsPort(), main.webmailPort()}) {
            assertThrows(SSLHandshakeException.class,
                    () -> TlsProbes.implicitTls(port, TlsProbes.tls12(TlsProbes.REFUSED_TLS12)), "port " + port);
            assertTrue(TlsProbes.implicitTls(port, TlsProbes.tls12(TlsProbes.AEAD_TLS12)).startsWith("TLSv1.2 "));
            assertTrue(TlsProbes.implicitTls(port, s -> { }).startsWith("TLSv1.3 "), "port " + port);
        }
    }

    @Test
    void theImapProxyRefusesCbcSuitesAfterStartTls() throws Exception {
        assertThrows(SSLHandshakeException.class, () -> TlsProbes.startTls(main.imapPort(), "a STARTTLS", "a OK",
                TlsProbes.tls12(TlsProbes.REFUSED_TLS12)));
        assertTrue(TlsProbes.startTls(main.imapPort(), "a STARTTLS", "a OK", TlsProbes.tls12(TlsProbes.AEAD_TLS12))
                .contains("_GCM_"));
    }
}
