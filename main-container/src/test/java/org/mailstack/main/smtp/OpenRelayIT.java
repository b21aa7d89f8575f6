package org.mailstack.main.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailstack.main.testing.MainContainerImage;
import org.mailstack.main.testing.SmtpConversation;
import org.mailstack.main.testing.TestAccounts;

/**
 * The running image with the Docker socket mounted read-only: accounts come from real service labels, and every
 * open-relay probe from an unauthenticated client is refused.
 */
class OpenRelayIT {
    static final String DOMAIN = "relay-it.example.test";
    static final TestAccounts ACCOUNTS = new TestAccounts();
    static final String USER = TestAccounts.uniqueUser("it");
    static MainContainerImage main;

    @BeforeAll
    static void start() {
        ACCOUNTS.create(USER);
        main = new MainContainerImage().withEnv("MAILSTACK_DOMAIN", DOMAIN)
                .withEnv("MAILSTACK_POSTMASTER", USER)
                .withDockerSocket();
        main.start();
    }

    @AfterAll
    static void stop() {
        if (main != null) {
            main.stop();
        }
        ACCOUNTS.close();
    }

    private SmtpConversation session() throws IOException {
        SmtpConversation c = SmtpConversation.open("127.0.0.1", main.getMappedPort(MainContainerImage.SMTP));
        assertTrue(c.reply().startsWith("220"));
        assertTrue(c.send("EHLO probe.example.net").startsWith("250"));
        assertTrue(c.send("MAIL FROM:<spammer@elsewhere.example>").startsWith("250"));
        return c;
    }

    @Test
    void anAccountThatDockerKnowsIsAcceptedAndAnUnknownOneGets550() throws Exception {
        try (SmtpConversation c = session()) {
            assertEquals("250", c.send("RCPT TO:<box@" + USER + "." + DOMAIN + ">").substring(0, 3));
            assertEquals("550 5.1.1 No such user here", c.send("RCPT TO:<box@nobody" + USER + "." + DOMAIN + ">"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "victim@elsewhere.example",
        "victim%elsewhere.example@USER.DOMAIN",
        "victim%elsewhere.example@DOMAIN",
        "elsewhere.example!victim@USER.DOMAIN",
        "\"victim@elsewhere.example\"@USER.DOMAIN",
        "\"victim%elsewhere.example\"@USER.DOMAIN",
        "@USER.DOMAIN:victim@elsewhere.example",
        "@mail.DOMAIN,@USER.DOMAIN:victim@elsewhere.example",
        "victim@elsewhere.example@USER.DOMAIN",
        "victim@ELSEWHERE.EXAMPLE",
        "victim@elsewhere.example.",
        "box@USER.DOMAIN.",
        "victim@DOMAIN.elsewhere.example",
        "victim@[127.0.0.1]",
        "victim@[IPv6:::1]"
    })
    void openRelayProbesAreRefused(String template) throws Exception {
        String rcpt = template.replace("USER", USER).replace("DOMAIN", DOMAIN);
        try (SmtpConversation c = session()) {
            String reply = c.send("RCPT TO:<" + rcpt + ">");
            assertTrue(reply.startsWith("550 5.7.1") || reply.startsWith("553 5.1.3"), rcpt + " -> " + reply);
            String data = c.send("DATA");
            assertTrue(data.startsWith("5"), "DATA after refused RCPT: " + data);
        }
    }

    @Test
    void upperCaseDomainOfAnExistingAccountIsLocalDelivery() throws Exception {
        try (SmtpConversation c = session()) {
            String reply = c.send("RCPT TO:<BOX@" + USER.toUpperCase() + "." + DOMAIN.toUpperCase() + ">");
            assertEquals("250", reply.substring(0, 3), reply);
        }
    }

    /** RFC 5321 section 4.5.1, with MAILSTACK_POSTMASTER naming the test's account. */
    @Test
    void postmasterOfTheDomainAndOfAnAccountDomainIsAccepted() throws Exception {
        try (SmtpConversation c = session()) {
            assertEquals("250", c.send("RCPT TO:<postmaster@" + DOMAIN + ">").substring(0, 3));
            assertEquals("250", c.send("RCPT TO:<PostMaster@nobody" + USER + "." + DOMAIN + ">").substring(0, 3));
            assertEquals("250", c.send("RCPT TO:<Postmaster>").substring(0, 3));
        }
    }
}
