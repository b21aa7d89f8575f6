package org.mailstack.imap.conversation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;

/**
 * CONTEXT=SEARCH and CONTEXT=SORT (RFC 5267 section 4): {@code RETURN (UPDATE)} results kept up to date with
 * {@code ESEARCH ADDTO/REMOVEFROM} as messages arrive, change and are expunged, and CANCELUPDATE.
 */
class ContextSearchTest extends ConversationTest {
    private ImapTestClient a;
    private ImapTestClient b;

    @BeforeEach
    void twoSessions() throws Exception {
        a = server.loggedIn();
        b = server.loggedIn();
    }

    @AfterEach
    void closeSessions() throws Exception {
        a.close();
        b.close();
    }

    /** Sends a command with the given tag and returns its responses. */
    private static List<String> tagged(ImapTestClient c, String tag, String command) throws Exception {
        c.send(tag + " " + command + "\r\n");
        return c.readUntilTagged(tag);
    }

    private static List<String> esearches(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("* ESEARCH")).toList();
    }

    @Test
    void searchUpdatesFollowArrivalsFlagChangesAndExpunges() throws Exception {
        for (String subject : List.of("alpha", "beta", "alpha two")) {
            deliver("INBOX", message(subject, "body"));
        }
        assertHas(a.command("CAPABILITY"), "\\* CAPABILITY .* CONTEXT=SEARCH CONTEXT=SORT .*");
        assertOk(a.command("SELECT INBOX"));
        assertOk(b.command("SELECT INBOX"));
        assertHas(tagged(a, "u1", "UID SEARCH RETURN (UPDATE) SUBJECT alpha"),
                "\\* ESEARCH \\(TAG \"u1\"\\) UID ALL 1,3");
        assertHas(tagged(a, "u2", "SEARCH RETURN (COUNT UPDATE) UNSEEN"), "\\* ESEARCH \\(TAG \"u2\"\\) COUNT 3");

        deliver("INBOX", message("alpha three", "x"));
        deliver("INBOX", message("gamma", "x"));
        List<String> r = a.command("NOOP");
        assertEquals(List.of("* 5 EXISTS", "* 5 RECENT", "* ESEARCH (TAG \"u1\") UID ADDTO (0 4)",
                "* ESEARCH (TAG \"u2\") UID ADDTO (0 4:5)"), r.subList(0, r.size() - 1));

        assertOk(b.command("STORE 2 +FLAGS.SILENT (\\Seen)"));
        assertEquals(List.of("* ESEARCH (TAG \"u2\") UID REMOVEFROM (0 2)"), esearches(a.command("NOOP")));

        List<String> own = new ArrayList<>(a.command("UID STORE 3 +FLAGS.SILENT (\\Seen)"));
        own.addAll(a.command("NOOP"));
        assertEquals(List.of("* ESEARCH (TAG \"u2\") UID REMOVEFROM (0 3)"), esearches(own));
        own = new ArrayList<>(a.command("UID STORE 2 -FLAGS.SILENT (\\Seen)"));
        own.addAll(a.command("NOOP"));
        assertEquals(List.of("* ESEARCH (TAG \"u2\") UID ADDTO (0 2)"), esearches(own));

        assertOk(b.command("NOOP"));
        assertOk(b.command("STORE 1,5 +FLAGS.SILENT (\\Deleted)"));
        assertOk(b.command("EXPUNGE"));
        r = a.command("NOOP");
        assertEquals(List.of("* 5 EXPUNGE", "* 1 EXPUNGE", "* 3 RECENT", "* ESEARCH (TAG \"u1\") UID REMOVEFROM (0 1)",
                "* ESEARCH (TAG \"u2\") UID REMOVEFROM (0 1,5)"), r.subList(0, r.size() - 1));
        assertTrue(esearches(a.command("NOOP")).isEmpty());
    }

    @Test
    void sortUpdatesNameThePlaceInTheSortedResult() throws Exception {
        for (String subject : List.of("banana", "cherry", "apple")) {
            deliver("INBOX", message(subject, "body"));
        }
        assertOk(a.command("SELECT INBOX"));
        assertOk(b.command("SELECT INBOX"));
        assertHas(tagged(a, "s1", "UID SORT RETURN (UPDATE) (SUBJECT) UTF-8 UNDELETED"),
                "\\* ESEARCH \\(TAG \"s1\"\\) UID ALL 3,1:2");
        deliver("INBOX", message("blueberry", "x"));
        assertEquals(List.of("* ESEARCH (TAG \"s1\") UID ADDTO (3 4)"), esearches(a.command("NOOP")));
        assertOk(b.command("STORE 1 +FLAGS.SILENT (\\Deleted)"));
        assertEquals(List.of("* ESEARCH (TAG \"s1\") UID REMOVEFROM (2 1)"), esearches(a.command("NOOP")));
        deliver("INBOX", message("aardvark", "x"));
        deliver("INBOX", message("zucchini", "x"));
        deliver("INBOX", message("apricot", "x"));
        assertEquals(List.of("* ESEARCH (TAG \"s1\") UID ADDTO (1 5)", "* ESEARCH (TAG \"s1\") UID ADDTO (5 6)",
                "* ESEARCH (TAG \"s1\") UID ADDTO (3 7)"), esearches(a.command("NOOP")));
        // now: aardvark(5) apple(3) apricot(7) blueberry(4) cherry(2) zucchini(6)
        assertOk(b.command("NOOP"));
        assertOk(b.command("UID STORE 3,4 +FLAGS.SILENT (\\Deleted)"));
        assertEquals(List.of("* ESEARCH (TAG \"s1\") UID REMOVEFROM (2 3)",
                "* ESEARCH (TAG \"s1\") UID REMOVEFROM (3 4)"), esearches(a.command("NOOP")));
        assertHas(a.command("UID SORT RETURN () (SUBJECT) UTF-8 UNDELETED"), "\\* ESEARCH .* UID ALL 5,7,2,6");
    }

    @Test
    void partialWithUpdateAnswersThePageAndUpdatesTheWholeResult() throws Exception {
        for (int i = 1; i <= 5; i++) {
            deliver("INBOX", message("m" + i, "body"));
        }
        assertOk(a.command("SELECT INBOX"));
        assertHas(tagged(a, "p1", "SEARCH RETURN (UPDATE PARTIAL -1:-2) ALL"),
                "\\* ESEARCH \\(TAG \"p1\"\\) PARTIAL \\(-1:-2 4:5\\)");
        assertHas(tagged(a, "p2", "UID SORT RETURN (PARTIAL 1:1 UPDATE CONTEXT) (REVERSE SUBJECT) UTF-8 ALL"),
                "\\* ESEARCH \\(TAG \"p2\"\\) UID PARTIAL \\(1:1 5\\)");
        deliver("INBOX", message("m6", "x"));
        assertEquals(List.of("* ESEARCH (TAG \"p1\") UID ADDTO (0 6)", "* ESEARCH (TAG \"p2\") UID ADDTO (1 6)"),
                esearches(a.command("NOOP")));
    }

    @Test
    void cancelUpdateStopsUpdatesAndContextsEndWithTheSelection() throws Exception {
        deliver("INBOX", message("one", "x"));
        assertOk(a.command("SELECT INBOX"));
        assertOk(tagged(a, "c1", "SEARCH RETURN (UPDATE) ALL"));
        assertOk(tagged(a, "c2", "SEARCH RETURN (UPDATE) ALL"));
        assertOk(tagged(a, "c3", "SEARCH RETURN (UPDATE) ALL"));
        assertOk(a.command("CANCELUPDATE \"c1\" \"c3\" \"unknown\""));
        deliver("INBOX", message("two", "x"));
        assertEquals(List.of("* ESEARCH (TAG \"c2\") UID ADDTO (0 2)"), esearches(a.command("NOOP")));
        for (String bad : List.of("CANCELUPDATE", "CANCELUPDATE c2", "CANCELUPDATE {2}\r\nc2", "CANCELUPDATE \"c2\" ",
                "UID CANCELUPDATE \"c2\"")) {
            assertBad(a.command(bad));
        }
        deliver("INBOX", message("three", "x"));
        assertEquals(List.of("* ESEARCH (TAG \"c2\") UID ADDTO (0 3)"), esearches(a.command("NOOP")));

        assertOk(a.command("UNSELECT"));
        assertBad(a.command("CANCELUPDATE \"c2\""));
        assertOk(a.command("SELECT INBOX"));
        deliver("INBOX", message("four", "x"));
        assertTrue(esearches(a.command("NOOP")).isEmpty());
    }

    @Test
    void refusedCommandsKeepNoContextAndTooManyContextsAnswerNoupdate() throws Exception {
        deliver("INBOX", message("one", "x"));
        assertOk(a.command("SELECT INBOX"));
        assertBad(tagged(a, "x0", "SEARCH RETURN (UPDATE ALL PARTIAL 1:2) ALL"));
        assertBad(tagged(a, "x1", "SEARCH RETURN (UPDATE PARTIAL 0:1) ALL"));
        assertBad(tagged(a, "x2", "SORT RETURN (UPDATE) (NOPE) UTF-8 ALL"));
        for (int i = 1; i <= 8; i++) {
            List<String> r = tagged(a, "k" + i, "UID SEARCH RETURN (UPDATE) ALL");
            assertFalse(has(r, ".*NOUPDATE.*"), () -> String.join("\n", r));
        }
        List<String> r = tagged(a, "k9", "UID SEARCH RETURN (UPDATE) ALL");
        assertEquals(List.of("* ESEARCH (TAG \"k9\") UID ALL 1", "* NO [NOUPDATE \"k9\"] Too many updating results."),
                r.subList(0, 2));
        assertOk(r);
        assertFalse(has(tagged(a, "k8", "UID SEARCH RETURN (UPDATE) SEEN"), ".*NOUPDATE.*"));
        deliver("INBOX", message("two", "x"));
        List<String> updates = esearches(a.command("NOOP"));
        assertEquals(7, updates.size());
        assertFalse(updates.stream().anyMatch(l -> l.contains("\"x") || l.contains("\"k9\"") || l.contains("\"k8\"")));
    }

    @Test
    void idleDeliversUpdates() throws Exception {
        assertOk(a.command("SELECT INBOX"));
        assertOk(tagged(a, "i0", "SEARCH RETURN (UPDATE) SUBJECT late"));
        a.send("i1 IDLE\r\n");
        assertEquals("+ idling", a.readLine());
        deliver("INBOX", message("early", "x"));
        deliver("INBOX", message("late", "x"));
        List<String> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            seen.add(a.readLine());
            return seen.contains("* ESEARCH (TAG \"i0\") UID ADDTO (0 2)");
        });
        assertTrue(seen.indexOf("* 2 EXISTS") >= 0 && seen.indexOf("* 2 EXISTS") < seen.size() - 1, seen::toString);
        a.send("DONE\r\n");
        assertOk(a.readUntilTagged("i1"));
    }
}
