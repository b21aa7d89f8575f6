package org.mailstack.user.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mailstack.user.testing.ImapsTalk;
import org.mailstack.user.testing.SmtpTalk;
import org.mailstack.user.testing.UserContainerUnderTest;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The image's IMAP side: a message delivered over SMTP is visible over IMAPS (port 1993, verified against the
 * container's own certificate) after a login with the account's password, checked against the bcrypt hash from
 * the secret file.
 */
@Testcontainers
class ImapLoginIT {
    private static final String PASSWORD = "\"" + UserContainerUnderTest.PASSWORD + "\"";

    @Container
    private static final UserContainerUnderTest CONTAINER =
            new UserContainerUnderTest("imap-" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void deliveredMessageIsSeenOverImapsWithTheAccountPassword() throws Exception {
        try (SmtpTalk talk = CONTAINER.relaySession()) {
            assertTrue(talk.sendMail("a@example.org", UserContainerUnderTest.BOX, Messages.numbered(7, 2))
                    .startsWith("250"));
        }
        try (ImapsTalk imap = new ImapsTalk(CONTAINER)) {
            assertTrue(imap.lastLine("a1 LOGIN box@bob.example.test \"wrong password\"").startsWith("a1 NO"));
            assertTrue(imap.lastLine("a2 LOGIN box@bob.example.test " + PASSWORD).startsWith("a2 OK"));
            String select = imap.command("a3 SELECT INBOX");
            assertTrue(select.contains("* 1 EXISTS"), select);
            String fetch = imap.command("a4 FETCH 1 (BODY.PEEK[HEADER.FIELDS (X-SEQ DELIVERED-TO)])");
            assertTrue(fetch.contains("X-Seq: 7") && fetch.contains("Delivered-To: box@bob.example.test"), fetch);
        }
    }

    @Test
    void bareUserNameLogsInToo() throws Exception {
        try (ImapsTalk imap = new ImapsTalk(CONTAINER)) {
            assertTrue(imap.lastLine("b1 LOGIN bob " + PASSWORD).startsWith("b1 OK"));
        }
    }
}
