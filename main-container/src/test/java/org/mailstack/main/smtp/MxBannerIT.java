package org.mailstack.main.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.mailstack.core.tls.TlsProbes;
import org.mailstack.main.testing.MainContainerImage;
import org.mailstack.main.testing.SmtpConversation;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers
class MxBannerIT {
    @Container
    static final MainContainerImage MAIN = new MainContainerImage()
            .withEnv("MAILSTACK_DOMAIN", "it.example.test");

    @Test
    void containerAnswersBannerAndEhloOnItsMxPort() throws Exception {
        try (SmtpConversation c = SmtpConversation.open("127.0.0.1", MAIN.getMappedPort(MainContainerImage.SMTP))) {
            String banner = c.reply();
            assertTrue(banner.startsWith("220 mail.it.example.test ESMTP mailstack"), banner);
            String ehlo = c.send("EHLO probe.example.net");
            assertTrue(ehlo.startsWith("250-mail.it.example.test"), ehlo);
        }
    }

    /** The image's own JRE keeps to core's TLS policy; STARTTLS is offered once only. */
    @Test
    void startTlsIsOfferedOnceAndTls12CbcSuitesAreRefused() throws Exception {
        int port = MAIN.getMappedPort(MainContainerImage.SMTP);
        try (SmtpConversation c = SmtpConversation.open("127.0.0.1", port)) {
            c.reply();
            c.send("EHLO probe.example.net");
            assertThrows(SSLHandshakeException.class, () -> c.startTls(TlsProbes.tls12(TlsProbes.REFUSED_TLS12)));
        }
        try (SmtpConversation c = SmtpConversation.open("127.0.0.1", port)) {
            c.reply();
            assertTrue(c.send("EHLO probe.example.net").contains("STARTTLS"));
            assertTrue(c.startTls().startsWith("220"));
            assertFalse(c.send("EHLO probe.example.net").contains("STARTTLS"));
            assertEquals("503 5.5.1 TLS already active", c.send("STARTTLS"));
        }
    }
}
