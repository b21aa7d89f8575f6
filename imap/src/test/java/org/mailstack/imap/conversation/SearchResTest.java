package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;

/** SEARCHRES (RFC 5182): SEARCH RETURN (SAVE) and {@code $}. */
class SearchResTest extends ConversationTest {
    private ImapTestClient c;

    @BeforeEach
    void fourMessages() throws Exception {
        for (String subject : List.of("alpha", "beta", "alpha two", "gamma")) {
            deliver("INBOX", message(subject, "body"));
        }
        c = server.loggedIn();
        assertHas(c.command("CAPABILITY"), "\\* CAPABILITY .* SEARCHRES .*");
        assertOk(c.command("SELECT INBOX"));
    }

    @Test
    void saveAloneAnswersNoEsearchAndDollarNamesTheResult() throws Exception {
        assertOk(c.command("FETCH $ UID"));
        List<String> r = c.command("SEARCH RETURN (SAVE) SUBJECT alpha");
        assertFalse(has(r, "\\* .*"), () -> String.join("\n", r));
        List<String> f = c.command("FETCH $ (UID)");
        assertHas(f, "\\* 1 FETCH \\(UID 1\\)");
        assertHas(f, "\\* 3 FETCH \\(UID 3\\)");
        assertFalse(has(f, "\\* 2 FETCH.*"));
        assertHas(c.command("UID SEARCH $ NOT 1"), "\\* SEARCH 3");
        assertOk(c.command("STORE $ +FLAGS.SILENT (\\Deleted)"));
        assertOk(c.command("EXPUNGE"));
        assertHas(c.command("SEARCH $"), "\\* SEARCH");
    }

    @Test
    void saveWithMinMaxKeepsOnlyThoseMessages() throws Exception {
        assertHas(c.command("SEARCH RETURN (SAVE MIN MAX) ALL"), "\\* ESEARCH \\(TAG \"\\S+\"\\) MIN 1 MAX 4");
        assertHas(c.command("SEARCH $"), "\\* SEARCH 1 4");
        assertHas(c.command("UID SEARCH RETURN (SAVE COUNT) 2:3"), "\\* ESEARCH \\(TAG \"\\S+\"\\) UID COUNT 2");
        assertHas(c.command("UID FETCH $ FLAGS"), "\\* 3 FETCH \\(UID 3 FLAGS .*\\)");
    }

    @Test
    void failedSaveEmptiesTheResultAndDollarStandsAlone() throws Exception {
        c.command("SEARCH RETURN (SAVE) ALL");
        assertNo(c.command("SEARCH RETURN (SAVE) CHARSET NOPE ALL"));
        assertHas(c.command("SEARCH $"), "\\* SEARCH");
        assertBad(c.command("FETCH 1,$ UID"));
    }
}
