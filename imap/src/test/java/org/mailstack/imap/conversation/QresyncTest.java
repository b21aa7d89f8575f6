package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;

/** QRESYNC (RFC 7162 section 3.2), after the examples of sections 3.2.3 to 3.2.11. */
class QresyncTest extends ConversationTest {
    private ImapTestClient c;
    private long uidValidity;

    @BeforeEach
    void fiveMessages() throws Exception {
        for (int i = 1; i <= 5; i++) {
            deliver("INBOX", message("m" + i, "body " + i));
        }
        c = server.loggedIn();
    }

    /** Selects INBOX with QRESYNC enabled and returns HIGHESTMODSEQ. */
    private long selectAndRemember() throws Exception {
        assertEquals("* ENABLED QRESYNC", c.command("ENABLE QRESYNC").get(0));
        List<String> select = c.command("SELECT INBOX");
        uidValidity = number(select, "UIDVALIDITY");
        return number(select, "HIGHESTMODSEQ");
    }

    @Test
    void capabilityAndEnableImplyCondstore() throws Exception {
        assertHas(c.command("CAPABILITY"), "\\* CAPABILITY .* QRESYNC( .*|$)");
        assertEquals("* ENABLED QRESYNC", c.command("ENABLE QRESYNC").get(0));
        assertHas(c.command("SELECT INBOX"), "\\* OK \\[HIGHESTMODSEQ \\d+\\].*");
        assertHas(c.command("FETCH 1 (FLAGS)"), "\\* 1 FETCH \\(FLAGS \\(.*\\) MODSEQ \\(\\d+\\)\\)");
        List<String> again = c.command("ENABLE QRESYNC CONDSTORE");
        assertEquals("* ENABLED", again.get(0), "already enabled: nothing new");
    }

    @Test
    void qresyncParameterWithoutEnableIsBad() throws Exception {
        assertBad(c.command("SELECT INBOX (QRESYNC (1 1))"));
        assertOk(c.command("SELECT INBOX"));
        List<String> bad = c.command("SELECT INBOX (QRESYNC (1 1))");
        assertEquals("* OK [CLOSED] Previous mailbox closed.", bad.get(0));
        assertBad(bad);
        assertBad(c.command("FETCH 1 (FLAGS)")); // no mailbox selected any more
        assertOk(c.command("SELECT INBOX"));
        assertBad(c.command("UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)"));
    }

    @Test
    void expungeIsReportedAsVanished() throws Exception {
        selectAndRemember();
        c.command("STORE 2,4 +FLAGS.SILENT (\\Deleted)");
        List<String> r = c.command("EXPUNGE");
        assertEquals("* VANISHED 2,4", r.get(0), String.join("\n", r));
        assertFalse(has(r, ".*EXPUNGE$"));
        long after = Long.parseLong(ImapTestClient.tagged(r).replaceAll(".*OK \\[HIGHESTMODSEQ (\\d+)\\].*", "$1"));
        assertEquals(after, statusItem(c.command("STATUS INBOX (HIGHESTMODSEQ)"), "HIGHESTMODSEQ"),
                "the tagged OK carries HIGHESTMODSEQ after the expunge (RFC 7162 section 3.2.7)");
    }

    @Test
    void changesByAnotherSessionAreAnnouncedAsVanished() throws Exception {
        selectAndRemember();
        try (ImapTestClient other = server.loggedIn()) {
            other.command("SELECT INBOX");
            other.command("STORE 1 +FLAGS.SILENT (\\Deleted)");
            other.command("EXPUNGE");
        }
        List<String> r = c.command("NOOP");
        assertHas(r, "\\* VANISHED 1");
    }

    @Test
    void selectWithQresyncReportsVanishedEarlierAndChangedFlags() throws Exception {
        long modSeq = selectAndRemember();
        c.command("STORE 3 +FLAGS.SILENT (\\Deleted)");
        c.command("STORE 5 +FLAGS.SILENT (\\Flagged)");
        c.command("EXPUNGE");
        c.command("UNSELECT");
        List<String> r = c.command("SELECT INBOX (QRESYNC (" + uidValidity + " " + modSeq + "))");
        assertHas(r, "\\* VANISHED \\(EARLIER\\) 3");
        assertHas(r, "\\* 4 FETCH \\(UID 5 FLAGS \\(\\\\Flagged( \\\\Recent)?\\) MODSEQ \\(\\d+\\)\\)");
        assertEquals(1, r.stream().filter(l -> l.contains(" FETCH ")).count(), String.join("\n", r));
        assertOk(r);
    }

    @Test
    void knownUidsLimitTheReport() throws Exception {
        long modSeq = selectAndRemember();
        c.command("STORE 1,3 +FLAGS.SILENT (\\Deleted)");
        c.command("STORE 4 +FLAGS.SILENT (\\Seen)");
        c.command("EXPUNGE");
        List<String> r = c.command("EXAMINE INBOX (QRESYNC (" + uidValidity + " " + modSeq + " 2:3,5))");
        assertEquals("* OK [CLOSED] Previous mailbox closed.", r.get(0));
        assertHas(r, "\\* VANISHED \\(EARLIER\\) 3");
        assertFalse(has(r, ".* FETCH .*"), String.join("\n", r));
    }

    @Test
    void wrongUidValidityGivesAPlainSelect() throws Exception {
        long modSeq = selectAndRemember();
        c.command("STORE 1 +FLAGS.SILENT (\\Deleted)");
        c.command("EXPUNGE");
        List<String> r = c.command("SELECT INBOX (QRESYNC (" + (uidValidity + 1) + " " + modSeq + "))");
        assertFalse(has(r, "\\* VANISHED.*|.* FETCH .*"), String.join("\n", r));
        assertOk(r);
    }

    @Test
    void withoutHistoryEveryMissingUidIsReported() throws Exception {
        long modSeq = selectAndRemember();
        c.command("STORE 2,4 +FLAGS.SILENT (\\Deleted)");
        c.command("EXPUNGE");
        long highest = statusItem(c.command("STATUS INBOX (HIGHESTMODSEQ)"), "HIGHESTMODSEQ");
        // the list as a version without expunge history compacts it: header and one + line per message
        Path list = maildir.resolve("Maildir").resolve("mailstack-uidlist");
        String old = Files.readAllLines(list).stream()
                .filter(l -> l.startsWith("MAILSTACK-UIDLIST") || l.matches("\\+ [135] .*"))
                .map(l -> l.replaceFirst(" M\\d+ ", " M" + highest + " ")).collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(list, old);
        c.command("UNSELECT");
        List<String> r = c.command("SELECT INBOX (QRESYNC (" + uidValidity + " " + modSeq + "))");
        assertHas(r, "\\* VANISHED \\(EARLIER\\) 2,4");
        List<String> matched = c.command("SELECT INBOX (QRESYNC (" + uidValidity + " " + modSeq + " 1:5 (1:2 1,3)))");
        assertHas(matched, "\\* VANISHED \\(EARLIER\\) 4"); // seq 2 still holds UID 3: nothing below it vanished
        assertEquals("* VANISHED (EARLIER) 2", c.command("UID FETCH 1:3 (FLAGS) (CHANGEDSINCE " + modSeq
                + " VANISHED)").get(0));
        assertFalse(has(c.command("UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + highest + " VANISHED)"), ".*VANISHED.*"),
                "the history is complete above the header's MODSEQ");
    }

    @Test
    void uidFetchChangedSinceVanished() throws Exception {
        long modSeq = selectAndRemember();
        c.command("STORE 2 +FLAGS.SILENT (\\Answered)");
        c.command("STORE 4,5 +FLAGS.SILENT (\\Deleted)");
        c.command("EXPUNGE");
        List<String> r = c.command("UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + modSeq + " VANISHED)");
        assertEquals("* VANISHED (EARLIER) 4:5", r.get(0), String.join("\n", r));
        assertHas(r, "\\* 2 FETCH \\(UID 2 FLAGS \\(\\\\Answered \\\\Recent\\) MODSEQ \\(\\d+\\)\\)");
        assertEquals(3, r.size(), String.join("\n", r));
        List<String> part = c.command("UID FETCH 1:4 (FLAGS) (CHANGEDSINCE " + modSeq + " VANISHED)");
        assertEquals("* VANISHED (EARLIER) 4", part.get(0));
        assertBad(c.command("FETCH 1:* (FLAGS) (CHANGEDSINCE " + modSeq + " VANISHED)"));
    }

    @Test
    void storeResponsesCarryUidOnceQresyncIsOn() throws Exception {
        selectAndRemember();
        assertHas(c.command("STORE 2 +FLAGS (\\Seen)"),
                "\\* 2 FETCH \\(UID 2 FLAGS \\(\\\\Seen \\\\Recent\\) MODSEQ \\(\\d+\\)\\)");
    }

    private static long number(List<String> lines, String code) {
        return lines.stream().filter(l -> l.contains("[" + code + " ")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll(".*\\[" + code + " (\\d+)\\].*", "$1"))).orElseThrow();
    }

    /** A number after {@code name} inside a STATUS response. */
    private static long statusItem(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith("* STATUS")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll(".*" + name + " (\\d+).*", "$1"))).orElseThrow();
    }
}
