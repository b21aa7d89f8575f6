package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;

/** FETCH and UID FETCH: every item of RFC 3501 section 6.4.5. */
class FetchCommandTest extends ConversationTest {
    static final String MULTI = "From: a@b.test\r\nTo: c@d.test\r\nSubject: multi\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n"
            + "--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nfirst part\r\n"
            + "--XX\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\nFrom: e@f.test\r\n\r\ninner body\r\n"
            + "--XX--\r\n";

    private ImapTestClient c;

    @BeforeEach
    void selectTwoMessages() throws Exception {
        deliver("INBOX", message("hello", "Hello World"));
        deliver("INBOX", MULTI);
        c = server.loggedIn();
        assertOk(c.command("SELECT INBOX"));
    }

    @Test
    void flagsUidSizeAndInternalDate() throws Exception {
        List<String> r = c.command("FETCH 1:2 (FLAGS UID RFC822.SIZE INTERNALDATE)");
        assertHas(r, "\\* 1 FETCH \\(FLAGS \\(\\\\Recent\\) UID 1 RFC822.SIZE \\d+ INTERNALDATE \"\\d\\d-\\w{3}-\\d{4} "
                + "\\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\"\\)");
        assertHas(r, "\\* 2 FETCH .*UID 2.*");
        assertOk(r);
    }

    @Test
    void macros() throws Exception {
        assertHas(c.command("FETCH 1 FAST"), "\\* 1 FETCH \\(FLAGS \\(.*\\) INTERNALDATE \".*\" RFC822.SIZE \\d+\\)");
        assertHas(c.command("FETCH 1 ALL"), "\\* 1 FETCH \\(.* ENVELOPE \\(.*\\)\\)");
        assertHas(c.command("FETCH 1 FULL"), "\\* 1 FETCH \\(.* BODY \\(\"text\" \"plain\".*\\)\\)");
    }

    @Test
    void envelope() throws Exception {
        assertHas(c.command("FETCH 1 ENVELOPE"), "\\* 1 FETCH \\(ENVELOPE \\(\"Mon, 7 Feb 1994 21:52:25 -0800\" "
                + "\"hello\" \\(\\(\"Bob\" NIL \"bob\" \"example.test\"\\)\\) .*\\)\\)");
    }

    @Test
    void bodystructureOfMultipart() throws Exception {
        List<String> r = c.command("FETCH 2 BODYSTRUCTURE");
        assertHas(r, "\\* 2 FETCH \\(BODYSTRUCTURE \\(\\(\"text\" \"plain\" \\(\"charset\" \"utf-8\"\\) NIL NIL "
                + "\"7bit\" 10 0 NIL NIL NIL NIL\\)\\(\"message\" \"rfc822\" .*\\) \"mixed\" \\(\"boundary\" \"XX\"\\) "
                + "NIL NIL NIL\\)\\)");
    }

    @Test
    void wholeBodyWithoutPeekSetsSeenAndReportsFlags() throws Exception {
        List<String> r = c.command("FETCH 1 BODY[]");
        assertTrue(r.get(0).contains("Hello World"), r.get(0));
        assertTrue(r.get(0).contains("FLAGS (\\Seen \\Recent)"), r.get(0));
        assertHas(c.command("FETCH 1 FLAGS"), "\\* 1 FETCH \\(FLAGS \\(\\\\Seen \\\\Recent\\)\\)");
    }

    @Test
    void peekDoesNotSetSeen() throws Exception {
        c.command("FETCH 1 BODY.PEEK[]");
        c.command("FETCH 1 RFC822.HEADER");
        assertHas(c.command("FETCH 1 FLAGS"), "\\* 1 FETCH \\(FLAGS \\(\\\\Recent\\)\\)");
    }

    @Test
    void sectionsByPartNumber() throws Exception {
        assertLiteral(c.command("FETCH 2 BODY.PEEK[1]"), "BODY[1]", "first part");
        assertLiteral(c.command("FETCH 2 BODY.PEEK[1.MIME]"), "BODY[1.MIME]",
                "Content-Type: text/plain; charset=utf-8\r\n\r\n");
        assertLiteral(c.command("FETCH 2 BODY.PEEK[2.TEXT]"), "BODY[2.TEXT]", "inner body");
        assertLiteral(c.command("FETCH 2 BODY.PEEK[2.HEADER]"), "BODY[2.HEADER]",
                "Subject: inner\r\nFrom: e@f.test\r\n\r\n");
        assertLiteral(c.command("FETCH 2 BODY.PEEK[2.1]"), "BODY[2.1]", "inner body");
        assertLiteral(c.command("FETCH 1 BODY.PEEK[1]"), "BODY[1]", "Hello World\r\n");
        assertTrue(c.command("FETCH 2 BODY.PEEK[7]").get(0).contains("BODY[7] {0}"));
    }

    @Test
    void headerAndTextSpecifiersAfterPartNumbersNeedMessageParts() throws Exception {
        assertLiteral(c.command("FETCH 2 BODY.PEEK[1.HEADER]"), "BODY[1.HEADER]", "");
        assertLiteral(c.command("FETCH 2 BODY.PEEK[1.TEXT]"), "BODY[1.TEXT]", "");
        assertLiteral(c.command("FETCH 2 BODY.PEEK[1.HEADER.FIELDS (Content-Type)]"),
                "BODY[1.HEADER.FIELDS (CONTENT-TYPE)]", "");
        assertLiteral(c.command("FETCH 1 BODY.PEEK[1.TEXT]"), "BODY[1.TEXT]", "");
        assertLiteral(c.command("FETCH 2 BODY.PEEK[2.HEADER.FIELDS (Subject)]"),
                "BODY[2.HEADER.FIELDS (SUBJECT)]", "Subject: inner\r\n\r\n");
    }

    @Test
    void plainMessageHasOnlyPartOne() throws Exception {
        assertLiteral(c.command("FETCH 1 BODY.PEEK[1.1]"), "BODY[1.1]", "");
        assertLiteral(c.command("FETCH 1 BODY.PEEK[1.2]"), "BODY[1.2]", "");
        assertLiteral(c.command("FETCH 2 BODY.PEEK[1.1]"), "BODY[1.1]", "first part");
    }

    @Test
    void envelopeTakesTheNameFromACommentWhenNoPhraseIsGiven() throws Exception {
        deliver("INBOX", "From: carol@example.test (Carol  Jones)\r\nTo: Dan <dan@example.test> (ignored)\r\n"
                + "Subject: comments\r\n\r\nbody\r\n");
        c.command("NOOP");
        assertHas(c.command("FETCH 3 ENVELOPE"), "\\* 3 FETCH \\(ENVELOPE \\(NIL \"comments\" "
                + "\\(\\(\"Carol Jones\" NIL \"carol\" \"example.test\"\\)\\) .*"
                + "\\(\\(\"Dan\" NIL \"dan\" \"example.test\"\\)\\) NIL NIL NIL NIL\\)\\)");
    }

    @Test
    void headerFieldsAndNot() throws Exception {
        assertLiteral(c.command("FETCH 1 BODY.PEEK[HEADER.FIELDS (Subject to)]"), "BODY[HEADER.FIELDS (SUBJECT TO)]",
                "To: alice@example.test\r\nSubject: hello\r\n\r\n");
        String not = c.command("FETCH 1 BODY.PEEK[HEADER.FIELDS.NOT (Subject)]").get(0);
        assertFalse(not.contains("Subject:"));
        assertTrue(not.contains("From: Bob"));
    }

    @Test
    void partialFetchReportsOrigin() throws Exception {
        assertLiteral(c.command("FETCH 1 BODY.PEEK[TEXT]<6.5>"), "BODY[TEXT]<6>", "World");
        assertLiteral(c.command("FETCH 1 BODY.PEEK[TEXT]<100.5>"), "BODY[TEXT]<100>", "");
    }

    @Test
    void rfc822Items() throws Exception {
        String text = c.command("FETCH 1 RFC822.TEXT").get(0);
        assertTrue(text.contains("RFC822.TEXT {13}\r\nHello World\r\n"), text);
        assertTrue(c.command("FETCH 1 RFC822").get(0).contains("RFC822 {"));
    }

    @Test
    void uidFetchAddsUidAndIgnoresMissingUids() throws Exception {
        List<String> r = c.command("UID FETCH 2:9 FLAGS");
        assertEquals(2, r.size());
        assertHas(r, "\\* 2 FETCH \\(UID 2 FLAGS \\(\\\\Recent\\)\\)");
        assertEquals(1, c.command("UID FETCH 50:60 FLAGS").size());
    }

    @Test
    void invalidSequenceNumbersAreBad() throws Exception {
        assertBad(c.command("FETCH 3 FLAGS"));
        assertBad(c.command("FETCH 1 (FLAGS"));
        assertBad(c.command("FETCH 1 BODY[HEADER.FIELDS ()]"));
    }

    private static void assertLiteral(List<String> r, String label, String content) {
        String line = r.get(0);
        String expected = label + " {" + content.getBytes(StandardCharsets.UTF_8).length + "}\r\n"
                + content;
        assertTrue(line.contains(expected), () -> "expected " + expected + " in " + line);
    }
}
