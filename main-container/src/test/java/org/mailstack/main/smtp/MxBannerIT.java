package org.mailstack.main.smtp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
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
}
