package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;
import org.mailstack.imap.testkit.TestImapServer;

/** LOGIN, AUTHENTICATE PLAIN with and without SASL-IR, limits on failures (RFC 3501 6.2, RFC 4959, ADR 18). */
class AuthenticationTest extends ConversationTest {

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void loginWithQuotedAndLiteralArguments() throws Exception {
        try (ImapTestClient c = server.client()) {
            c.greeting();
            List<String> r = c.command("LOGIN \"alice\" {6+}\r\nsecret");
            assertTrue(ImapTestClient.tagged(r).matches("\\S+ OK \\[CAPABILITY IMAP4rev1 .*\\] Logged in"), r.get(0));
            assertBad(c.command("LOGIN alice secret"));
            assertOk(c.command("SELECT INBOX"));
        }
    }

    @Test
    void wrongPasswordIsRefusedAndTheClientsNextAttemptsWaitLonger() throws Exception {
        try (ImapTestClient c = server.client()) {
            c.greeting();
            assertHas(c.command("LOGIN alice wrong"), "\\S+ NO \\[AUTHENTICATIONFAILED\\].*");
            assertNo(c.command("LOGIN alice wrong"));
            long start = System.nanoTime();
            assertNo(c.command("LOGIN alice secret2"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 350, "third attempt answered after " + millis + " ms, not 2 x 200 ms");
            assertBad(c.command("SELECT INBOX"));
        }
    }

    @Test
    void afterFiveFailuresTheClientIsRefusedForThatAccountEvenWithTheRightPassword() throws Exception {
        try (ImapTestClient c = server.client()) {
            c.greeting();
            for (int i = 0; i < TestImapServer.LIMITS.failuresPerClientAndAccount(); i++) {
                assertHas(c.command("LOGIN alice wrong" + i), "\\S+ NO \\[AUTHENTICATIONFAILED\\].*");
            }
            assertHas(c.command("LOGIN ALICE secret"), "\\S+ NO \\[UNAVAILABLE\\] Too many failed logins.*");
            assertHas(c.command("LOGIN bob secret"), "\\S+ NO \\[AUTHENTICATIONFAILED\\].*");
        }
    }

    @Test
    void commandsPipelinedBehindADelayedLoginKeepTheirOrder() throws Exception {
        try (ImapTestClient c = server.client()) {
            c.greeting();
            assertNo(c.command("LOGIN alice wrong"));
            c.send("a LOGIN alice wrong\r\nb NOOP\r\n");
            String first = c.readLine();
            assertTrue(first.startsWith("a NO"), first);
            assertTrue(c.readLine().startsWith("b OK"));
        }
    }

    @Test
    void authenticatePlainWithInitialResponse() throws Exception {
        try (ImapTestClient c = server.client()) {
            c.greeting();
            assertOk(c.command("AUTHENTICATE PLAIN " + plain("alice", "secret")));
            assertOk(c.command("SELECT INBOX"));
        }
    }

    @Test
    void authenticatePlainWithContinuation() throws Exception {
        try (ImapTestClient c = server.client()) {
            c.greeting();
            c.send("a AUTHENTICATE PLAIN\r\n");
            assertEquals("+ ", c.readLine());
            c.send(plain("alice", "secret") + "\r\n");
            assertTrue(c.readUntilTagged("a").get(0).startsWith("a OK"));
        }
    }

    @Test
    void authenticateCanBeCancelled() throws Exception {
        try (ImapTestClient c = server.client()) {
            c.greeting();
            c.send("a AUTHENTICATE PLAIN\r\n");
            c.readLine();
            c.send("*\r\n");
            assertTrue(c.readLine().startsWith("a BAD"));
            assertHas(c.command("AUTHENTICATE PLAIN " + plain("alice", "bad")), "\\S+ NO.*");
            assertHas(c.command("AUTHENTICATE CRAM-MD5"), "\\S+ NO.*");
        }
    }

    @Test
    void loginDisabledWithoutTlsUnlessAllowed() throws Exception {
        server.close();
        server = TestImapServer.start(maildir.resolve("Maildir"), null, false, b -> { });
        try (ImapTestClient c = server.client()) {
            String greeting = c.greeting();
            assertTrue(greeting.contains("LOGINDISABLED"), greeting);
            assertFalse(greeting.contains("AUTH=PLAIN"), greeting);
            assertHas(c.command("LOGIN alice secret"), "\\S+ NO \\[PRIVACYREQUIRED\\].*");
            assertBad(c.command("STARTTLS"));
            assertOk(c.command("NOOP"));
        }
    }
}
