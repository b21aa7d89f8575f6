package org.mailstack.main.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailstack.main.testing.MxUnderTest;
import org.mailstack.main.testing.SmtpConversation;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;

/**
 * STARTTLS (RFC 3207) on the MX (25) and on submission (587, 465): once TLS is on it is neither offered in EHLO nor
 * taken ({@code 503 5.5.1}), and plain-text commands sent behind STARTTLS are not run inside TLS.
 */
class MxStartTlsTest {
    @RegisterExtension
    final MxUnderTest mx = new MxUnderTest(Map.of());
    SmtpListener submission;
    SmtpListener submissions;

    @BeforeEach
    void start() throws Exception {
        EasyAuthenticationHandlerFactory noLogins = new EasyAuthenticationHandlerFactory((user, password, ctx) -> {
            throw new LoginFailedException();
        });
        submission = SmtpServers.submission(mx.harness().config, mx.harness().inbound, mx.tls().context(), noLogins).start();
        submissions = SmtpServers.submissions(mx.harness().config, mx.harness().inbound, mx.tls().context(), noLogins)
                .start();
    }

    @AfterEach
    void stop() {
        submissions.close();
        submission.close();
    }

    private static void offeredOnceOnly(SmtpConversation c) throws Exception {
        assertTrue(c.send("EHLO probe.example.net").contains("250-STARTTLS"), "offered before TLS");
        assertEquals("220 2.0.0 Ready to start TLS", c.startTls());
        String ehlo = c.send("EHLO probe.example.net");
        assertTrue(ehlo.startsWith("250-"), ehlo);
        assertFalse(ehlo.contains("STARTTLS"), ehlo);
        assertEquals("503 5.5.1 TLS already active", c.send("STARTTLS"));
        assertEquals("250", c.send("NOOP").substring(0, 3), "the session goes on inside TLS");
    }

    @Test
    void theMxOffersStartTlsOnlyBeforeTlsAndRefusesItInside() throws Exception {
        try (SmtpConversation c = SmtpConversation.open("127.0.0.1", mx.port())) {
            c.reply();
            offeredOnceOnly(c);
        }
    }

    @Test
    void submissionOffersStartTlsOnlyBeforeTlsAndRefusesItInside() throws Exception {
        try (SmtpConversation c = SmtpConversation.open("127.0.0.1", submission.port())) {
            c.reply();
            offeredOnceOnly(c);
            assertTrue(c.send("EHLO probe.example.net").contains("250-AUTH"), "AUTH offered inside TLS");
        }
    }

    @Test
    void implicitTlsSubmissionNeitherOffersNorTakesStartTls() throws Exception {
        try (SmtpConversation c = SmtpConversation.openTls("127.0.0.1", submissions.port())) {
            c.reply();
            assertFalse(c.send("EHLO probe.example.net").contains("STARTTLS"));
            assertEquals("503 5.5.1 TLS already active", c.send("STARTTLS"));
        }
    }

    @Test
    void commandsSentBehindStartTlsInPlainTextAreNotRunInsideTls() throws Exception {
        try (SmtpConversation c = MxUnderTest.greeted(SmtpConversation.open("127.0.0.1", mx.port()))) {
            c.write("STARTTLS\r\nMAIL FROM:<injected@elsewhere.example>\r\n");
            assertTrue(c.reply().startsWith("220"));
            c.handshake(tls -> { });
            c.send("EHLO probe.example.net");
            assertEquals("250", c.send("MAIL FROM:<sender@elsewhere.example>").substring(0, 3),
                    "no transaction was started by the injected MAIL");
        }
    }
}
