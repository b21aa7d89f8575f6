package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;

/** PARTIAL (RFC 9394): paged SEARCH, UID SEARCH and SORT results, and the UID FETCH modifier. */
class PartialTest extends ConversationTest {
    private ImapTestClient c;

    /** Six messages, the first expunged: UIDs 2..6 are sequence numbers 1..5. */
    @BeforeEach
    void fiveMessagesWhoseUidsAreNotTheirNumbers() throws Exception {
        for (String subject : List.of("zero", "echo", "delta", "charlie", "bravo", "alpha")) {
            deliver("INBOX", message(subject, "body"));
        }
        c = server.loggedIn();
        assertHas(c.command("CAPABILITY"), "\\* CAPABILITY .* PARTIAL .*");
        assertOk(c.command("SELECT INBOX"));
        assertOk(c.command("STORE 1 +FLAGS.SILENT (\\Deleted)"));
        assertOk(c.command("EXPUNGE"));
    }

    @Test
    void searchAndUidSearchAnswerTheRangeFromTheFirstOrTheLast() throws Exception {
        assertHas(c.command("SEARCH RETURN (PARTIAL 1:3) ALL"), "\\* ESEARCH \\(TAG \"\\S+\"\\) PARTIAL \\(1:3 1:3\\)");
        assertHas(c.command("UID SEARCH RETURN (PARTIAL 1:3) ALL"),
                "\\* ESEARCH \\(TAG \"\\S+\"\\) UID PARTIAL \\(1:3 2:4\\)");
        assertHas(c.command("UID SEARCH RETURN (PARTIAL -1:-2) ALL"),
                "\\* ESEARCH \\(TAG \"\\S+\"\\) UID PARTIAL \\(-1:-2 5:6\\)");
        assertHas(c.command("UID SEARCH RETURN (PARTIAL -2:-1) NOT UID 5"),
                "\\* ESEARCH \\(TAG \"\\S+\"\\) UID PARTIAL \\(-1:-2 4,6\\)");
        assertHas(c.command("SEARCH RETURN (PARTIAL 4:100) ALL"),
                "\\* ESEARCH \\(TAG \"\\S+\"\\) PARTIAL \\(4:100 4:5\\)");
        assertHas(c.command("SEARCH RETURN (PARTIAL 6:10) ALL"),
                "\\* ESEARCH \\(TAG \"\\S+\"\\) PARTIAL \\(6:10 NIL\\)");
        assertHas(c.command("SEARCH RETURN (PARTIAL -6:-9) ALL"),
                "\\* ESEARCH \\(TAG \"\\S+\"\\) PARTIAL \\(-6:-9 NIL\\)");
        assertHas(c.command("SEARCH RETURN (MIN COUNT PARTIAL -1:-1) ALL"),
                "\\* ESEARCH \\(TAG \"\\S+\"\\) MIN 1 COUNT 5 PARTIAL \\(-1:-1 5\\)");
        assertHas(c.command("SEARCH RETURN (PARTIAL 1:2) SUBJECT nothing"),
                "\\* ESEARCH \\(TAG \"\\S+\"\\) PARTIAL \\(1:2 NIL\\)");
    }

    @Test
    void sortPagesInSortOrder() throws Exception {
        // by subject: alpha(6) bravo(5) charlie(4) delta(3) echo(2); sequence numbers are UID - 1
        assertHas(c.command("SORT RETURN (PARTIAL 1:2) (SUBJECT) UTF-8 ALL"),
                "\\* ESEARCH \\(TAG \"\\S+\"\\) PARTIAL \\(1:2 5,4\\)");
        assertHas(c.command("UID SORT RETURN (PARTIAL -1:-2) (SUBJECT) UTF-8 ALL"),
                "\\* ESEARCH \\(TAG \"\\S+\"\\) UID PARTIAL \\(-1:-2 3,2\\)");
        assertHas(c.command("UID SORT RETURN (COUNT PARTIAL 2:4) (REVERSE SUBJECT) UTF-8 ALL"),
                "\\* ESEARCH \\(TAG \"\\S+\"\\) UID COUNT 5 PARTIAL \\(2:4 3:5\\)");
    }

    @Test
    void saveWithPartialKeepsThePage() throws Exception {
        assertFalse(has(c.command("SEARCH RETURN (SAVE PARTIAL 2:3) ALL"), "\\* ESEARCH .* ALL .*"));
        assertHas(c.command("SEARCH $"), "\\* SEARCH 2 3");
        assertOk(c.command("UID SORT RETURN (SAVE PARTIAL -1:-1) (SUBJECT) UTF-8 ALL"));
        assertHas(c.command("UID SEARCH $"), "\\* SEARCH 2");
    }

    @Test
    void modseqIsTheHighestOfThePage() throws Exception {
        assertOk(c.command("STORE 5 +FLAGS.SILENT (\\Flagged)"));
        long first = modseq(c.command("FETCH 1 (MODSEQ)"), "\\* 1 FETCH \\(MODSEQ \\((\\d+)\\)\\)");
        long last = modseq(c.command("FETCH 5 (MODSEQ)"), "\\* 5 FETCH \\(MODSEQ \\((\\d+)\\)\\)");
        assertNotEquals(first, last);
        assertHas(c.command("SEARCH RETURN (PARTIAL 1:1) MODSEQ 1"),
                "\\* ESEARCH \\(TAG \"\\S+\"\\) PARTIAL \\(1:1 1\\) MODSEQ " + first);
        assertHas(c.command("SEARCH RETURN (PARTIAL -1:-1) MODSEQ 1"),
                "\\* ESEARCH \\(TAG \"\\S+\"\\) PARTIAL \\(-1:-1 5\\) MODSEQ " + last);
        assertHas(c.command("SEARCH RETURN (PARTIAL 9:9) MODSEQ 1"),
                "\\* ESEARCH \\(TAG \"\\S+\"\\) PARTIAL \\(9:9 NIL\\)");
    }

    private static long modseq(List<String> lines, String regex) {
        Pattern p = Pattern.compile(regex);
        for (String l : lines) {
            Matcher m = p.matcher(l);
            if (m.matches()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no " + regex + " in " + lines);
    }

    @Test
    void hostileRangesAreBadAndChangeNothing() throws Exception {
        assertOk(c.command("SEARCH RETURN (SAVE) 2"));
        for (String bad : List.of("SEARCH RETURN (SAVE PARTIAL 0:5) ALL", "SEARCH RETURN (SAVE PARTIAL 1:0) ALL",
                "SEARCH RETURN (SAVE PARTIAL 1:4294967296) ALL", "SEARCH RETURN (SAVE PARTIAL -1:5) ALL",
                "SEARCH RETURN (SAVE PARTIAL 1:99999999999999999999999) ALL", "SEARCH RETURN (SAVE PARTIAL 3) ALL",
                "UID SEARCH RETURN (SAVE ALL PARTIAL 1:2) ALL", "SEARCH RETURN (SAVE PARTIAL 1:2 PARTIAL 3:4) ALL",
                "SEARCH RETURN (SAVE PARTIAL 1:*) ALL", "SORT RETURN (SAVE PARTIAL -0:-1) (SUBJECT) UTF-8 ALL",
                "UID SORT RETURN (SAVE PARTIAL) (SUBJECT) UTF-8 ALL")) {
            List<String> r = c.command(bad);
            assertBad(r);
            assertFalse(has(r, "\\* ESEARCH.*"), bad);
        }
        assertHas(c.command("SEARCH $"), "\\* SEARCH 2");
        assertOk(c.command("NOOP"));
    }

    @Test
    void uidFetchTakesTheRangeOfTheMessagesItNames() throws Exception {
        List<String> r = c.command("UID FETCH 1:* (FLAGS) (PARTIAL -1:-2)");
        assertEquals(List.of("* 4 FETCH (UID 5 FLAGS (\\Recent))", "* 5 FETCH (UID 6 FLAGS (\\Recent))"),
                r.subList(0, 2));
        assertOk(r);
        r = c.command("UID FETCH 3:* (UID) (PARTIAL 2:3)");
        assertEquals(List.of("* 3 FETCH (UID 4)", "* 4 FETCH (UID 5)"), r.subList(0, 2));
        assertOk(r);
        r = c.command("UID FETCH 2:3 (UID) (PARTIAL 3:9)");
        assertEquals(1, r.size());
        assertOk(r);
        assertOk(c.command("UID FETCH 1:* (BODY[]) (PARTIAL 1:1)"));
        List<String> flags = c.command("FETCH 1:2 FLAGS");
        assertHas(flags, "\\* 1 FETCH \\(FLAGS \\(\\\\Seen \\\\Recent\\)\\)");
        assertHas(flags, "\\* 2 FETCH \\(FLAGS \\(\\\\Recent\\)\\)");
        List<String> bad = c.command("FETCH 1:* (FLAGS) (PARTIAL 1:2)");
        assertBad(bad);
        assertEquals(1, bad.size());
        assertBad(c.command("UID FETCH 1:* (FLAGS) (PARTIAL 0:2)"));
    }
}
