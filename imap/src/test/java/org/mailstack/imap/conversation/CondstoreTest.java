package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;

/** Keyword announcements (RFC 3501 section 7.2.6) and CONDSTORE (RFC 7162 section 3.1). */
class CondstoreTest extends ConversationTest {
    private ImapTestClient c;

    @BeforeEach
    void selectTwo() throws Exception {
        deliver("INBOX", message("one", "1"));
        deliver("INBOX", message("two", "2"));
        c = server.loggedIn();
    }

    @Test
    void newKeywordIsAnnouncedInFlagsBeforeItIsUsed() throws Exception {
        c.command("SELECT INBOX");
        List<String> r = c.command("STORE 1 +FLAGS ($Important)");
        assertTrue(r.get(0).matches("\\* FLAGS \\(.*\\$Important.*\\)"), r.get(0));
        assertHas(r, "\\* 1 FETCH \\(FLAGS \\(.*\\$Important.*\\)\\)");
    }

    @Test
    void selectCondstoreReportsHighestModseqAndFetchModseq() throws Exception {
        List<String> select = c.command("SELECT INBOX (CONDSTORE)");
        assertHas(select, "\\* OK \\[HIGHESTMODSEQ \\d+\\].*");
        assertHas(c.command("FETCH 1 (MODSEQ)"), "\\* 1 FETCH \\(MODSEQ \\(\\d+\\)\\)");
        List<String> store = c.command("STORE 2 +FLAGS (\\Seen)");
        assertHas(store, "\\* 2 FETCH \\(FLAGS \\(.*\\) MODSEQ \\(\\d+\\)\\)");
    }

    @Test
    void changedSinceAndUnchangedSince() throws Exception {
        c.command("SELECT INBOX (CONDSTORE)");
        long before = modseq(c.command("FETCH 2 (MODSEQ)").get(0));
        c.command("STORE 2 +FLAGS.SILENT (\\Flagged)");
        List<String> changed = c.command("FETCH 1:* (FLAGS) (CHANGEDSINCE " + before + ")");
        assertEquals(2, changed.size(), String.join("\n", changed));
        assertHas(changed, "\\* 2 FETCH .*");
        List<String> refused = c.command("STORE 2 (UNCHANGEDSINCE " + before + ") +FLAGS (\\Seen)");
        assertHas(refused, "\\S+ OK \\[MODIFIED 2\\].*");
        assertHas(c.command("SEARCH MODSEQ " + (before + 1)), "\\* SEARCH 2 \\(MODSEQ \\d+\\)");
    }

    @Test
    void esearchMinOrMaxReportsTheModseqOfTheReturnedMessage() throws Exception {
        c.command("SELECT INBOX (CONDSTORE)");
        long first = modseq(c.command("STORE 1 +FLAGS (\\Seen)").get(0));
        long second = modseq(c.command("STORE 2 +FLAGS (\\Seen)").get(0));
        assertTrue(second > first);
        assertHas(c.command("SEARCH RETURN (MIN) MODSEQ 1"), "\\* ESEARCH \\(TAG \"\\S+\"\\) MIN 1 MODSEQ " + first);
        assertHas(c.command("SEARCH RETURN (MAX) MODSEQ 1"), "\\* ESEARCH \\(TAG \"\\S+\"\\) MAX 2 MODSEQ " + second);
        assertHas(c.command("SEARCH RETURN (COUNT) MODSEQ 1"),
                "\\* ESEARCH \\(TAG \"\\S+\"\\) COUNT 2 MODSEQ " + second);
    }

    @Test
    void statusHighestModseq() throws Exception {
        assertHas(c.command("STATUS INBOX (HIGHESTMODSEQ)"), "\\* STATUS \"?INBOX\"? \\(HIGHESTMODSEQ \\d+\\)");
    }

    private static long modseq(String line) {
        return Long.parseLong(line.replaceAll(".*MODSEQ \\((\\d+)\\).*", "$1"));
    }
}
