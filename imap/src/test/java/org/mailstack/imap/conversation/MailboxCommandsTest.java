package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;

/** SELECT, EXAMINE, CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, LIST, LSUB, STATUS (RFC 3501 section 6.3). */
class MailboxCommandsTest extends ConversationTest {

    @Test
    void selectReportsCountersAndReadWrite() throws Exception {
        deliver("INBOX", message("one", "1"));
        deliver("INBOX", message("two", "2"));
        try (ImapTestClient c = server.loggedIn()) {
            List<String> r = c.command("SELECT INBOX");
            assertHas(r, "\\* FLAGS \\(\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft\\)");
            assertHas(r, "\\* OK \\[PERMANENTFLAGS \\(.*\\\\\\*\\)\\].*");
            assertHas(r, "\\* 2 EXISTS");
            assertHas(r, "\\* 2 RECENT");
            assertHas(r, "\\* OK \\[UNSEEN 1\\].*");
            assertHas(r, "\\* OK \\[UIDVALIDITY \\d+\\].*");
            assertHas(r, "\\* OK \\[UIDNEXT 3\\].*");
            assertHas(r, "\\S+ OK \\[READ-WRITE\\].*");
        }
    }

    @Test
    void examineIsReadOnlyAndClaimsNoRecent() throws Exception {
        deliver("INBOX", message("one", "1"));
        try (ImapTestClient c = server.loggedIn()) {
            List<String> r = c.command("EXAMINE INBOX");
            assertHas(r, "\\S+ OK \\[READ-ONLY\\].*");
            assertHas(r, "\\* OK \\[PERMANENTFLAGS \\(\\)\\].*");
            assertHas(c.command("STORE 1 +FLAGS (\\Seen)"), "\\S+ OK Store ignored.*");
            assertHas(c.command("FETCH 1 FLAGS"), "\\* 1 FETCH \\(FLAGS \\(\\\\Recent\\)\\)");
        }
        try (ImapTestClient c = server.loggedIn()) {
            assertHas(c.command("SELECT INBOX"), "\\* 1 RECENT");
        }
    }

    @Test
    void selectOfMissingMailboxFailsAndLeavesNoSelection() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            assertOk(c.command("SELECT INBOX"));
            assertNo(c.command("SELECT nosuch"));
            assertBad(c.command("FETCH 1 FLAGS"));
        }
    }

    @Test
    void aTildeAtomIsAMailboxName() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            assertHas(c.command("SELECT ~foo"), "\\S+ NO \\[NONEXISTENT\\] .*");
            assertOk(c.command("CREATE ~foo"));
            assertHas(c.command("LIST \"\" ~*"), "\\* LIST \\(.*\\) \"/\" \"?~foo\"?");
            assertOk(c.command("SELECT ~foo"));
        }
    }

    @Test
    void createListDeleteWithHierarchy() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            assertOk(c.command("CREATE Projects/2024/"));
            assertNo(c.command("CREATE Projects"));
            List<String> list = c.command("LIST \"\" \"Projects*\"");
            assertHas(list, "\\* LIST \\(\\\\HasChildren\\) \"/\" \"?Projects\"?");
            assertHas(list, "\\* LIST \\(\\\\HasNoChildren\\) \"/\" \"?Projects/2024\"?");
            List<String> percent = c.command("LIST \"\" %");
            assertFalse(has(percent, ".*Projects/2024.*"));
            assertHas(percent, "\\* LIST .* \"?INBOX\"?");
            assertOk(c.command("DELETE Projects/2024"));
            assertFalse(has(c.command("LIST \"\" *"), ".*2024.*"));
            assertNo(c.command("DELETE INBOX"));
            assertNo(c.command("DELETE nosuch"));
        }
    }

    @Test
    void listShowsSpecialUseAndEmptyPatternGivesDelimiter() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            List<String> list = c.command("LIST \"\" *");
            assertHas(list, "\\* LIST \\(.*\\\\Sent.*\\) \"/\" \"?Sent\"?");
            assertHas(list, "\\* LIST \\(.*\\\\Trash.*\\) \"/\" \"?Trash\"?");
            assertEquals("* LIST (\\Noselect) \"/\" \"\"", c.command("LIST \"\" \"\"").get(0));
        }
    }

    @Test
    void internationalNamesAreModifiedUtf7OnTheWire() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            assertOk(c.command("CREATE Entw&APw-rfe"));
            assertTrue(server.store().exists(FolderName.of("Entwürfe")));
            assertHas(c.command("LIST \"\" Entw*"), "\\* LIST .* \"?Entw&APw-rfe\"?");
            assertNo(c.command("CREATE \"bad&Jjo\""));
        }
    }

    @Test
    void mailboxNameInResponseNeverInjectsLines() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            c.send("a1 CREATE {13+}\r\nx\r\n* OK evil\r\n");
            List<String> r = c.readUntilTagged("a1");
            assertFalse(has(r, "\\* OK evil"));
            List<String> list = c.command("LIST \"\" *");
            assertFalse(has(list, "\\* OK evil.*"), String.join("\n", list));
        }
    }

    @Test
    void renameMovesChildrenAndInboxRenameEmptiesInbox() throws Exception {
        deliver("INBOX", message("one", "1"));
        try (ImapTestClient c = server.loggedIn()) {
            assertOk(c.command("CREATE a/b"));
            assertOk(c.command("RENAME a z"));
            List<String> list = c.command("LIST \"\" *");
            assertHas(list, ".*\"?z/b\"?");
            assertFalse(has(list, ".* \"?a/b\"?"));
            assertNo(c.command("RENAME nosuch other"));
            assertNo(c.command("RENAME z Sent"));
            assertOk(c.command("RENAME INBOX old-inbox"));
            assertHas(c.command("STATUS INBOX (MESSAGES)"), "\\* STATUS \"?INBOX\"? \\(MESSAGES 0\\)");
            assertHas(c.command("STATUS old-inbox (MESSAGES)"), "\\* STATUS \"?old-inbox\"? \\(MESSAGES 1\\)");
        }
    }

    @Test
    void subscribeAndLsub() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            assertOk(c.command("CREATE news/a"));
            assertOk(c.command("SUBSCRIBE news/a"));
            assertHas(c.command("LSUB \"\" *"), "\\* LSUB \\(\\) \"/\" \"?news/a\"?");
            assertHas(c.command("LSUB \"\" %"), "\\* LSUB \\(\\\\Noselect\\) \"/\" \"?news\"?");
            assertOk(c.command("UNSUBSCRIBE news/a"));
            assertFalse(has(c.command("LSUB \"\" *"), ".*news/a.*"));
        }
    }

    @Test
    void statusCounters() throws Exception {
        deliver("INBOX", message("one", "1"));
        try (ImapTestClient c = server.loggedIn()) {
            List<String> r = c.command("STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)");
            assertHas(r, "\\* STATUS \"?INBOX\"? \\(MESSAGES 1 RECENT 1 UIDNEXT 2 UIDVALIDITY \\d+ UNSEEN 1\\)");
            assertBad(c.command("STATUS INBOX (FOO)"));
            assertNo(c.command("STATUS nosuch (MESSAGES)"));
        }
    }
}
