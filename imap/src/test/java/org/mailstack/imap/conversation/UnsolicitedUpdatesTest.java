package org.mailstack.imap.conversation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;

/** EXISTS, EXPUNGE and FETCH sent when others change the mailbox (RFC 3501 section 7), and IDLE (RFC 2177). */
class UnsolicitedUpdatesTest extends ConversationTest {

    @Test
    void deliveryIsAnnouncedAtTheNextNoop() throws Exception {
        deliver("INBOX", message("one", "1"));
        try (ImapTestClient c = server.loggedIn()) {
            c.command("SELECT INBOX");
            deliver("INBOX", message("two", "2"));
            List<String> r = c.command("NOOP");
            assertHas(r, "\\* 2 EXISTS");
            assertHas(r, "\\* 2 RECENT");
        }
    }

    @Test
    void copyIntoTheExaminedMailboxAnnouncesTheCopyAsRecent() throws Exception {
        deliver("INBOX", message("one", "1"));
        try (ImapTestClient c = server.loggedIn()) {
            c.command("SELECT INBOX");
            assertHas(c.command("EXAMINE INBOX"), "\\* 0 RECENT");
            List<String> r = c.command("COPY 1 INBOX");
            assertHas(r, "\\* 2 EXISTS");
            assertHas(r, "\\* 1 RECENT");
            assertHas(c.command("FETCH 2 FLAGS"), "\\* 2 FETCH \\(FLAGS \\(\\\\Recent\\)\\)");
        }
    }

    @Test
    void otherSessionsFlagChangesAndExpungesAreAnnounced() throws Exception {
        deliver("INBOX", message("one", "1"));
        deliver("INBOX", message("two", "2"));
        try (ImapTestClient a = server.loggedIn(); ImapTestClient b = server.loggedIn()) {
            a.command("SELECT INBOX");
            b.command("SELECT INBOX");
            b.command("STORE 2 +FLAGS.SILENT (\\Flagged)");
            assertHas(a.command("NOOP"), "\\* 2 FETCH \\(.*FLAGS \\(\\\\Flagged.*\\).*\\)");
            b.command("STORE 1 +FLAGS.SILENT (\\Deleted)");
            b.command("EXPUNGE");
            assertHas(a.command("NOOP"), "\\* 1 EXPUNGE");
        }
    }

    @Test
    void noExpungeDuringFetchStoreOrSearch() throws Exception {
        deliver("INBOX", message("one", "1"));
        deliver("INBOX", message("two", "2"));
        try (ImapTestClient a = server.loggedIn(); ImapTestClient b = server.loggedIn()) {
            a.command("SELECT INBOX");
            b.command("SELECT INBOX");
            b.command("STORE 1 +FLAGS.SILENT (\\Deleted)");
            b.command("EXPUNGE");
            assertFalse(has(a.command("FETCH 1:2 FLAGS"), ".*EXPUNGE.*"));
            assertFalse(has(a.command("SEARCH ALL"), ".*EXPUNGE.*"));
            assertFalse(has(a.command("STORE 2 +FLAGS (\\Seen)"), ".*EXPUNGE.*"));
            assertHas(a.command("UID FETCH 1:* FLAGS"), "\\* 1 EXPUNGE");
        }
    }

    @Test
    void idleReportsNewMessagesUntilDone() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            c.command("SELECT INBOX");
            c.send("i1 IDLE\r\n");
            assertEquals("+ idling", c.readLine());
            deliver("INBOX", message("late", "x"));
            List<String> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                seen.add(c.readLine());
                return seen.contains("* 1 EXISTS");
            });
            c.send("DONE\r\n");
            assertTrue(c.readUntilTagged("i1").get(0).matches("(\\* .*|i1 OK.*)"));
            assertOk(c.command("NOOP"));
        }
    }

    @Test
    void idleEndsWithBadOnAnythingButDone() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            c.send("i1 IDLE\r\n");
            assertEquals("+ idling", c.readLine());
            c.send("NOPE\r\n");
            assertTrue(c.readLine().startsWith("i1 BAD"));
        }
    }

    @Test
    void fetchOfAMessageExpungedByAnotherSessionAnswersExpungeIssued() throws Exception {
        deliver("INBOX", message("one", "1"));
        try (ImapTestClient a = server.loggedIn(); ImapTestClient b = server.loggedIn()) {
            a.command("SELECT INBOX");
            b.command("SELECT INBOX");
            b.command("STORE 1 +FLAGS.SILENT (\\Deleted)");
            b.command("EXPUNGE");
            List<String> r = a.command("FETCH 1 BODY.PEEK[]");
            assertHas(r, "\\S+ NO \\[EXPUNGEISSUED\\].*");
            assertFalse(has(r, "\\* 1 FETCH.*"));
            assertHas(a.command("NOOP"), "\\* 1 EXPUNGE");
        }
    }
}
