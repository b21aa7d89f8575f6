package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;

/** SEARCH, UID SEARCH and ESEARCH (RFC 3501 section 6.4.4, RFC 4731). */
class SearchCommandTest extends ConversationTest {
    private ImapTestClient c;

    @BeforeEach
    void selectMessages() throws Exception {
        deliver("INBOX", message("apples", "I like apples"));
        deliver("INBOX", "From: Carol <carol@example.test>\r\nSubject: =?UTF-8?B?w4RwZmVs?=\r\n"
                + "Date: Tue, 1 Feb 2022 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\nGr=C3=BC=C3=9Fe und Birnen\r\n");
        deliver("INBOX", message("cherries", "x".repeat(5000)));
        c = server.loggedIn();
        assertOk(c.command("SELECT INBOX"));
        c.command("STORE 1 +FLAGS.SILENT (\\Seen \\Flagged)");
        c.command("STORE 3 +FLAGS.SILENT ($Later)");
    }

    private List<String> search(String criteria) throws Exception {
        List<String> r = c.command("SEARCH " + criteria);
        assertOk(r);
        return r;
    }

    private String hits(String criteria) throws Exception {
        return search(criteria).get(0);
    }

    @Test
    void flagKeys() throws Exception {
        assertEquals("* SEARCH 1", hits("SEEN"));
        assertEquals("* SEARCH 2 3", hits("UNSEEN"));
        assertEquals("* SEARCH 1", hits("FLAGGED"));
        assertEquals("* SEARCH 3", hits("KEYWORD $Later"));
        assertEquals("* SEARCH 1 2", hits("UNKEYWORD $Later"));
        assertEquals("* SEARCH 1 2 3", hits("RECENT"));
        assertEquals("* SEARCH 2 3", hits("NEW"));
        assertEquals("* SEARCH", hits("OLD"));
        assertEquals("* SEARCH 1 2 3", hits("ALL UNDELETED UNDRAFT UNANSWERED"));
    }

    @Test
    void addressKeysMatchTheParsedAddress() throws Exception {
        deliver("INBOX", "From: <dave (work) @ (mail) example.test>\r\nCc: erin@example.test (Erin Smith)\r\n"
                + "Subject: odd addresses\r\n\r\nbody\r\n");
        c.command("NOOP");
        assertEquals("* SEARCH 4", hits("FROM dave@example.test"));
        assertEquals("* SEARCH 4", hits("CC \"Erin Smith\""));
        assertEquals("* SEARCH 4", hits("CC erin@example"));
    }

    @Test
    void textSearchesPartHeadersWhileBodySkipsThem() throws Exception {
        deliver("INBOX", "From: frank@example.test\r\nSubject: forwarded\r\nContent-Type: multipart/mixed; "
                + "boundary=zz\r\n\r\n--zz\r\nContent-Type: text/plain; name=notes.txt\r\n\r\ncover note\r\n"
                + "--zz\r\nContent-Type: message/rfc822\r\n\r\nFrom: grace@elsewhere.test\r\nSubject: quarterly\r\n\r\n"
                + "enclosed text\r\n--zz--\r\n");
        c.command("NOOP");
        assertEquals("* SEARCH 4", hits("TEXT notes.txt"));
        assertEquals("* SEARCH", hits("BODY notes.txt"));
        assertEquals("* SEARCH 4", hits("TEXT quarterly"));
        assertEquals("* SEARCH", hits("BODY quarterly"));
        assertEquals("* SEARCH 4", hits("BODY \"enclosed text\""));
        assertEquals("* SEARCH 4", hits("BODY \"cover note\""));
    }

    @Test
    void headerAndTextKeysDecode() throws Exception {
        assertEquals("* SEARCH 2", hits("FROM carol"));
        assertEquals("* SEARCH 1", hits("SUBJECT APPLES"));
        assertEquals("* SEARCH 2", hits("CHARSET UTF-8 SUBJECT {4+}\r\nÄpf"));
        assertEquals("* SEARCH 2", hits("CHARSET UTF-8 BODY {6+}\r\ngrüß"));
        assertEquals("* SEARCH 1", hits("BODY apples"));
        assertEquals("* SEARCH 1 2 3", hits("TEXT example.test"));
        assertEquals("* SEARCH 2", hits("HEADER Content-Transfer-Encoding quoted"));
        assertEquals("* SEARCH 2", hits("HEADER Content-Type \"\""));
    }

    @Test
    void sizeDateAndSetKeys() throws Exception {
        assertEquals("* SEARCH 3", hits("LARGER 4000"));
        assertEquals("* SEARCH 1 2", hits("SMALLER 4000"));
        assertEquals("* SEARCH 2", hits("OR SENTON 1-Feb-2022 SENTSINCE 1-Jan-2030"));
        assertEquals("* SEARCH 1 3", hits("SENTBEFORE 1-Jan-2000"));
        assertEquals("* SEARCH 1 2 3", hits("SINCE 1-Jan-2020"));
        assertEquals("* SEARCH", hits("BEFORE 1-Jan-2020"));
        assertEquals("* SEARCH 2 3", hits("2:*"));
        assertEquals("* SEARCH 1 3", hits("NOT 2"));
        assertEquals("* SEARCH 1 3", hits("OR 1 (UID 3)"));
    }

    @Test
    void uidSearchAnswersUids() throws Exception {
        c.command("STORE 1 +FLAGS.SILENT (\\Deleted)");
        c.command("EXPUNGE");
        assertEquals("* SEARCH 2 3", c.command("UID SEARCH ALL").get(0));
        assertEquals("* SEARCH 3", c.command("UID SEARCH UID 3:*").get(0));
    }

    @Test
    void esearchReturnOptions() throws Exception {
        List<String> r = c.command("SEARCH RETURN (MIN MAX COUNT ALL) UNSEEN");
        assertEquals("* ESEARCH (TAG \"t5\") MIN 2 MAX 3 ALL 2:3 COUNT 2", r.get(0));
    }

    @Test
    void unknownCharsetAndBadSyntax() throws Exception {
        assertHas(c.command("SEARCH CHARSET X-NOPE ALL"), "\\S+ NO \\[BADCHARSET.*");
        assertBad(c.command("SEARCH FOO"));
        assertBad(c.command("SEARCH OR SEEN"));
    }
}
