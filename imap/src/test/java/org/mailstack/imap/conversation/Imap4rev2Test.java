package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.StrictImapClient;
import org.mailstack.imap.testkit.TestImapServer;
import org.mailstack.imap.testkit.StrictResponseReader.Response;
import org.mailstack.imap.testkit.StrictResponseReader.Str;

/** ENABLE IMAP4rev2 (RFC 9051 section 6.3.1) and the differences of appendix E, read by the strict parser. */
class Imap4rev2Test extends ConversationTest {

    private static boolean any(List<Response> r, String regex) {
        return r.stream().anyMatch(x -> x.raw().stripTrailing().matches(regex));
    }

    private static StrictImapClient rev2(int port) throws Exception {
        StrictImapClient c = StrictImapClient.loggedIn(port);
        List<Response> r = c.expectOk("ENABLE IMAP4rev2");
        assertTrue(any(r, "\\* ENABLED IMAP4rev2"), r::toString);
        c.rev2();
        return c;
    }

    @Test
    void bothRevisionsAreAdvertised() throws Exception {
        try (StrictImapClient c = new StrictImapClient(server.port())) {
            Response greeting = c.read();
            assertTrue(greeting.code().startsWith("CAPABILITY IMAP4rev1 IMAP4rev2 "), greeting::toString);
            c.expectOk("LOGIN " + TestImapServer.USER + " " + TestImapServer.PASSWORD);
            List<Response> caps = c.expectOk("CAPABILITY");
            assertTrue(caps.get(0).raw().startsWith("* CAPABILITY IMAP4rev1 IMAP4rev2 "), caps::toString);
            // ENABLE answers only what it newly enabled (RFC 5161 section 3.1)
            assertTrue(any(c.expectOk("ENABLE IMAP4rev2"), "\\* ENABLED IMAP4rev2"));
            assertTrue(any(c.expectOk("ENABLE IMAP4rev2"), "\\* ENABLED"));
        }
    }

    @Test
    void withoutEnableTheSessionStaysImap4rev1() throws Exception {
        deliver("INBOX", message("one", "1"));
        try (StrictImapClient c = StrictImapClient.loggedIn(server.port())) {
            List<Response> sel = c.expectOk("SELECT INBOX");
            assertTrue(any(sel, "\\* 1 RECENT"), sel::toString);
            assertTrue(any(c.expectOk("SEARCH ALL"), "\\* SEARCH 1"));
            assertTrue(any(c.expectOk("FETCH 1 FLAGS"), "\\* 1 FETCH \\(FLAGS \\(\\\\Recent\\)\\)"));
        }
    }

    @Test
    void noRecentAnywhereAndSelectAnswersList() throws Exception {
        deliver("INBOX", message("one", "1"));
        deliver("INBOX", message("two", "2"));
        try (StrictImapClient c = rev2(server.port()); StrictImapClient other = StrictImapClient.loggedIn(server.port())) {
            List<Response> sel = c.expectOk("SELECT INBOX");
            assertFalse(any(sel, ".*RECENT.*"), sel::toString);
            assertFalse(any(sel, ".*\\[UNSEEN .*"), sel::toString);
            assertTrue(any(sel, "\\* LIST \\(\\) \"/\" \"?INBOX\"?"), sel::toString);
            assertTrue(any(sel, "\\* 2 EXISTS"));
            assertTrue(any(sel, "\\* OK \\[UIDVALIDITY \\d+\\].*"));
            assertTrue(any(sel, "\\* OK \\[UIDNEXT 3\\].*"));
            List<Response> f = c.expectOk("FETCH 1:2 FLAGS");
            assertTrue(any(f, "\\* 1 FETCH \\(FLAGS \\(\\)\\)"), f::toString);
            assertFalse(any(f, ".*Recent.*"), f::toString);
            other.append("INBOX", message("three", "3").getBytes(StandardCharsets.UTF_8));
            List<Response> noop = c.expectOk("NOOP");
            assertTrue(any(noop, "\\* 3 EXISTS"), noop::toString);
            assertFalse(any(noop, ".*RECENT.*"), noop::toString);
            assertEquals("BAD", StrictImapClient.tagged(c.command("STATUS INBOX (MESSAGES RECENT)")).kind());
            assertTrue(any(c.expectOk("STATUS INBOX (MESSAGES UNSEEN DELETED SIZE)"),
                    "\\* STATUS \"?INBOX\"? \\(MESSAGES 3 UNSEEN 3 DELETED 0 SIZE \\d+\\)"));
            c.expectOk("SELECT INBOX"); // reselecting answers CLOSED first (RFC 9051 section 6.3.2)
        }
    }

    @Test
    void searchAnswersEsearch() throws Exception {
        deliver("INBOX", message("alpha", "1"));
        deliver("INBOX", message("beta", "2"));
        deliver("INBOX", message("alpha again", "3"));
        try (StrictImapClient c = rev2(server.port())) {
            c.expectOk("SELECT INBOX");
            List<Response> r = c.command("SEARCH SUBJECT alpha");
            assertEquals("OK", StrictImapClient.tagged(r).kind());
            String tag = StrictImapClient.tagged(r).tag();
            assertTrue(any(r, "\\* ESEARCH \\(TAG \"" + tag + "\"\\) ALL 1,3"), r::toString);
            assertFalse(any(r, "\\* SEARCH.*"), r::toString);
            assertEsearch(c, "UID SEARCH ALL", " UID ALL 1:3");
            assertEsearch(c, "SEARCH SUBJECT nothing", "");
            assertEsearch(c, "SEARCH RETURN (COUNT MIN) SUBJECT alpha", " MIN 1 COUNT 2");
            assertEsearch(c, "SEARCH CHARSET UTF-8 SUBJECT beta", " ALL 2");
        }
    }

    /** {@code command} is answered by an ESEARCH with its own tag, then {@code result} (a regex, as in any()). */
    private static void assertEsearch(StrictImapClient c, String command, String result) throws Exception {
        List<Response> r = c.command(command);
        String tag = StrictImapClient.tagged(r).tag();
        assertTrue(any(r, "\\* ESEARCH \\(TAG \"" + tag + "\"\\)" + result), r::toString);
    }

    @Test
    void mailboxNamesAreUtf8OnceEnabled() throws Exception {
        try (StrictImapClient c = rev2(server.port()); StrictImapClient v1 = StrictImapClient.loggedIn(server.port())) {
            c.expectOk("CREATE \"Reçus\"");
            c.expectOk("CREATE \"日本語/子\"");
            List<Response> list = c.expectOk("LIST \"\" \"*\"");
            assertTrue(names(list).contains("Reçus"), list::toString);
            assertTrue(names(list).contains("日本語/子"), list::toString);
            c.expectOk("DELETE \"日本語\""); // the child stays (RFC 9051 section 6.3.5): the parent is only a level now
            list = c.expectOk("LIST \"\" \"*\"");
            Response parent = list.stream().filter(x -> x.kind().equals("LIST")
                    && ((Str) x.data().get(2)).text().equals("日本語")).findFirst().orElseThrow();
            assertTrue(parent.data().get(0).toString().contains("\\NonExistent"), parent::toString);
            // the same mailbox for an IMAP4rev1 session is modified UTF-7 (RFC 3501 section 5.1.3)
            assertTrue(names(v1.expectOk("LIST \"\" \"*\"")).contains("Re&AOc-us"));
            c.append("\"Reçus\"", message("un", "1").getBytes(StandardCharsets.UTF_8));
            List<Response> st = c.expectOk("STATUS \"Reçus\" (MESSAGES)");
            Response status = st.stream().filter(x -> x.kind().equals("STATUS")).findFirst().orElseThrow();
            assertEquals("Reçus", ((Str) status.data().get(0)).text());
            assertEquals(false, ((Str) status.data().get(0)).literal(), "sent as a quoted string");
            List<Response> sel = c.expectOk("SELECT \"Reçus\"");
            assertTrue(sel.stream().anyMatch(x -> x.kind().equals("LIST")
                    && ((Str) x.data().get(2)).text().equals("Reçus")), sel::toString);
            assertTrue(any(sel, "\\* 1 EXISTS"));
            // the modified UTF-7 form is a different (literal) name now
            assertEquals("NO", StrictImapClient.tagged(c.command("SELECT Re&AOc-us")).kind());
            c.expectOk("RENAME \"Reçus\" \"Reçus-vieux\"");
            assertTrue(names(v1.expectOk("LIST \"\" \"*\"")).contains("Re&AOc-us-vieux"));
        }
    }

    @Test
    void binaryAppendAndMoveWorkInRev2() throws Exception {
        try (StrictImapClient c = rev2(server.port())) {
            c.expectOk("CREATE Archive2");
            c.appendBinary("INBOX", message("bin", "a\u0000b").getBytes(StandardCharsets.UTF_8));
            c.expectOk("SELECT INBOX");
            List<Response> f = c.expectOk("FETCH 1 BINARY.SIZE[1]");
            assertTrue(any(f, "\\* 1 FETCH \\(BINARY.SIZE\\[1\\] \\d+\\)"), f::toString);
            List<Response> mv = c.expectOk("MOVE 1 Archive2");
            assertTrue(any(mv, "\\* 1 EXPUNGE"), mv::toString);
            c.expectOk("UNSELECT");
            List<Response> ns = c.expectOk("NAMESPACE");
            assertTrue(any(ns, "\\* NAMESPACE .*"), ns::toString);
        }
    }

    @Test
    void notificationsNameMailboxesInUtf8() throws Exception {
        try (StrictImapClient a = rev2(server.port()); StrictImapClient b = StrictImapClient.loggedIn(server.port())) {
            a.expectOk("NOTIFY SET (PERSONAL (MessageNew MessageExpunge MailboxName))");
            b.expectOk("CREATE Re&AOc-us"); // the IMAP4rev1 session names it in modified UTF-7
            Response list = a.read();
            assertEquals("LIST", list.kind(), list::toString);
            assertEquals("Reçus", ((Str) list.data().get(2)).text());
            b.append("Re&AOc-us", message("un", "1").getBytes(StandardCharsets.UTF_8));
            Response status = a.read();
            assertEquals("STATUS", status.kind(), status::toString);
            assertEquals("Reçus", ((Str) status.data().get(0)).text());
        }
    }

    private static List<String> names(List<Response> list) {
        return list.stream().filter(x -> x.kind().equals("LIST")).map(x -> ((Str) x.data().get(2)).text()).toList();
    }
}
