package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;

/** STORE, COPY, MOVE, EXPUNGE, CLOSE, UNSELECT, CHECK and their UID forms (RFC 3501 section 6.4, 4315, 6851). */
class MessageCommandsTest extends ConversationTest {
    private ImapTestClient c;

    @BeforeEach
    void selectThreeMessages() throws Exception {
        for (String s : List.of("one", "two", "three")) {
            deliver("INBOX", message(s, s + " body"));
        }
        c = server.loggedIn();
        assertOk(c.command("SELECT INBOX"));
    }

    @Test
    void storeAddRemoveReplaceAndSilent() throws Exception {
        assertHas(c.command("STORE 1 +FLAGS (\\Flagged $Work)"),
                "\\* 1 FETCH \\(FLAGS \\(\\\\Flagged \\\\Recent \\$Work\\)\\)");
        assertHas(c.command("STORE 1 -FLAGS (\\Flagged)"), "\\* 1 FETCH \\(FLAGS \\(\\\\Recent \\$Work\\)\\)");
        assertHas(c.command("STORE 1:2 FLAGS (\\Seen)"), "\\* 2 FETCH \\(FLAGS \\(\\\\Seen \\\\Recent\\)\\)");
        List<String> silent = c.command("STORE 3 +FLAGS.SILENT (\\Deleted)");
        assertEquals(1, silent.size());
        assertHas(c.command("FETCH 3 FLAGS"), "\\* 3 FETCH \\(FLAGS \\(\\\\Deleted \\\\Recent\\)\\)");
        assertBad(c.command("STORE 1 +FLAGS (\\Bogus)"));
    }

    @Test
    void uidStoreReportsUid() throws Exception {
        assertHas(c.command("UID STORE 2 +FLAGS (\\Answered)"),
                "\\* 2 FETCH \\(UID 2 FLAGS \\(\\\\Answered \\\\Recent\\)\\)");
    }

    @Test
    void expungeSendsDescendingSequenceNumbers() throws Exception {
        c.command("STORE 1,3 +FLAGS.SILENT (\\Deleted)");
        List<String> r = c.command("EXPUNGE");
        assertEquals(List.of("* 3 EXPUNGE", "* 1 EXPUNGE"), r.subList(0, 2));
        assertOk(r);
        assertHas(c.command("FETCH 1 UID"), "\\* 1 FETCH \\(UID 2\\)");
    }

    @Test
    void uidExpungeOnlyTouchesTheGivenUids() throws Exception {
        c.command("STORE 1:3 +FLAGS.SILENT (\\Deleted)");
        List<String> r = c.command("UID EXPUNGE 2");
        assertHas(r, "\\* 2 EXPUNGE");
        assertFalse(has(r, "\\* [13] EXPUNGE"));
    }

    @Test
    void copyAnswersCopyUidAndKeepsFlags() throws Exception {
        c.command("STORE 2 +FLAGS.SILENT (\\Flagged)");
        List<String> r = c.command("COPY 2:3 Archive");
        assertHas(r, "\\S+ OK \\[COPYUID \\d+ 2:3 1:2\\].*");
        assertHas(c.command("STATUS Archive (MESSAGES)"), ".*MESSAGES 2.*");
        assertHas(c.command("UID COPY 1 nosuch"), "\\S+ NO \\[TRYCREATE\\].*");
        assertOk(c.command("EXAMINE Archive"));
        assertHas(c.command("FETCH 1 FLAGS"), "\\* 1 FETCH \\(FLAGS \\(\\\\Flagged.*\\)\\)");
    }

    @Test
    void moveSendsCopyUidThenExpunges() throws Exception {
        List<String> r = c.command("MOVE 1 Trash");
        assertTrue(r.get(0).matches("\\* OK \\[COPYUID \\d+ 1 1\\].*"), r.get(0));
        assertEquals("* 1 EXPUNGE", r.get(1));
        assertOk(r);
        List<String> u = c.command("UID MOVE 3 Trash");
        assertHas(u, "\\* OK \\[COPYUID \\d+ 3 2\\].*");
        assertHas(u, "\\* 2 EXPUNGE");
    }

    @Test
    void checkIsOkWhenSelected() throws Exception {
        assertOk(c.command("CHECK"));
    }

    @Test
    void closeExpungesSilentlyAndUnselectDoesNot() throws Exception {
        c.command("STORE 1 +FLAGS.SILENT (\\Deleted)");
        assertOk(c.command("UNSELECT"));
        assertHas(c.command("STATUS INBOX (MESSAGES)"), ".*MESSAGES 3.*");
        assertOk(c.command("SELECT INBOX"));
        List<String> close = c.command("CLOSE");
        assertEquals(1, close.size());
        assertOk(close);
        assertHas(c.command("STATUS INBOX (MESSAGES)"), ".*MESSAGES 2.*");
        assertBad(c.command("CHECK"));
    }

    @Test
    void appendWithFlagsDateAndLiteralPlus() throws Exception {
        String msg = "Subject: appended\r\n\r\nbody\r\n";
        c.send("a1 APPEND Drafts (\\Draft $x) \"05-Jan-2024 10:00:00 +0100\" {" + msg.length() + "}\r\n");
        assertEquals("+ OK", c.readLine());
        c.send(msg + "\r\n");
        List<String> r = c.readUntilTagged("a1");
        assertHas(r, "a1 OK \\[APPENDUID \\d+ 1\\].*");
        List<String> plus = c.command("APPEND Drafts {" + msg.length() + "+}\r\n" + msg);
        assertHas(plus, "\\S+ OK \\[APPENDUID \\d+ 2\\].*");
        assertOk(c.command("EXAMINE Drafts"));
        assertHas(c.command("FETCH 1 (FLAGS INTERNALDATE)"),
                "\\* 1 FETCH \\(FLAGS \\(\\\\Draft \\\\Recent \\$x\\) INTERNALDATE \"05-Jan-2024 09:00:00 \\+0000\"\\)");
        assertHas(c.command("APPEND nosuch {1+}\r\nx"), "\\S+ NO \\[TRYCREATE\\].*");
    }

    @Test
    void appendToSelectedMailboxAnnouncesExists() throws Exception {
        List<String> r = c.command("APPEND INBOX {10+}\r\nSubject: x");
        assertHas(r, "\\* 4 EXISTS");
        assertTrue(server.store().status(FolderName.INBOX).messages() == 4);
    }
}
