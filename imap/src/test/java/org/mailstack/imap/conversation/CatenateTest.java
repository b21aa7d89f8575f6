package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.core.maildir.SystemFlag;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;
import org.mailstack.imap.testkit.TestImapServer;

/** CATENATE (RFC 4469): messages built from TEXT literals and IMAP URLs (RFC 5092) of the account's own messages. */
class CatenateTest extends ConversationTest {
    static final String HEADER = "From: Bob <bob@example.test>\r\nSubject: original\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n";
    static final String ORIGINAL = HEADER + "preamble\r\n--b1\r\nContent-Type: text/plain\r\n\r\nbody one\r\n"
            + "--b1\r\nContent-Type: text/x-two\r\n\r\nbody two\r\n--b1--\r\n";

    private long uidValidity;

    @BeforeEach
    void original() throws Exception {
        deliver("INBOX", ORIGINAL);
        uidValidity = server.store().openView(FolderName.INBOX, true).uidValidity();
    }

    private Path tmp() {
        return maildir.resolve("Maildir").resolve("tmp");
    }

    private String stored(String folder, long uid) throws Exception {
        return MultiAppendTest.body(server.store().openView(FolderName.of(folder), true), uid);
    }

    @Test
    void partsOfAStoredMessageAndTextLiteralsMakeTheMessageAsInRfc4469() throws Exception {
        String text1 = "\r\n--XX\r\n";
        String text2 = "\r\n--XX--\r\n";
        try (ImapTestClient c = server.loggedIn()) {
            c.send("a1 APPEND Drafts (\\Seen \\Draft $MDNSent) CATENATE (URL \"/INBOX;UIDVALIDITY=" + uidValidity
                    + "/;UID=1/;section=HEADER\" TEXT {" + text1.length() + "}\r\n");
            assertTrue(c.readLine().startsWith("+ "));
            c.send(text1 + " URL \"/INBOX;UIDVALIDITY=" + uidValidity + "/;UID=1/;SECTION=1.MIME\""
                    + " URL \"/INBOX/;UID=1/;SECTION=1\" TEXT {" + text2.length() + "}\r\n");
            assertTrue(c.readLine().startsWith("+ "));
            c.send(text2 + ")\r\n");
            assertHas(c.readUntilTagged("a1"), "a1 OK \\[APPENDUID \\d+ 1\\].*");
        }
        assertEquals(HEADER + text1 + "Content-Type: text/plain\r\n\r\n" + "body one" + text2, stored("Drafts", 1));
        MailboxView v = server.store().openView(FolderName.of("Drafts"), true);
        assertTrue(v.get(1).flags().contains(SystemFlag.DRAFT));
        assertEquals(0, MultiAppendTest.filesIn(tmp()));
    }

    @Test
    void urlsRelativeToTheSelectedMailboxWithPartialRanges() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            assertOk(c.command("SELECT INBOX"));
            List<String> r = c.command("APPEND INBOX CATENATE (URL \";UID=1/;SECTION=2\" URL \";UID=1/;PARTIAL=6.3\""
                    + " TEXT {3+}\r\nxyz URL \";uid=1/;section=2/;partial=5\" URL \"/inbox/;UID=1/;PARTIAL=99999\")");
            assertHas(r, "\\S+ OK \\[APPENDUID \\d+ 2\\].*");
            assertHas(r, "\\* 2 EXISTS");
        }
        assertEquals("body two" + "Bob" + "xyz" + "two", stored("INBOX", 2));
    }

    @Test
    void aWholeMessageFromAMailboxNamedBeyondAscii() throws Exception {
        server.store().createFolder(FolderName.of("Entwürfe"));
        deliver("Entwürfe", "Subject: ü\r\n\r\nhallo\r\n");
        try (ImapTestClient c = server.loggedIn()) {
            assertHas(c.command("APPEND INBOX CATENATE (TEXT {4+}\r\nX: 1 URL \"/Entw%C3%BCrfe/;UID=1\")"),
                    "\\S+ OK \\[APPENDUID \\d+ 2\\].*");
        }
        assertEquals("X: 1Subject: ü\r\n\r\nhallo\r\n", stored("INBOX", 2));
    }

    @Test
    void combinesWithMultiappendAndLiteralPlus() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            assertHas(c.command("APPEND Drafts (\\Seen) CATENATE (URL \"/INBOX/;UID=1\" TEXT {2+}\r\nhi)"
                    + " {5+}\r\nhello (\\Flagged) CATENATE (TEXT {3+}\r\nabc TEXT {0+}\r\n URL \"/INBOX/;UID=1/;SECTION=2\")"),
                    "\\S+ OK \\[APPENDUID \\d+ 1:3\\].*");
        }
        assertEquals(ORIGINAL + "hi", stored("Drafts", 1));
        assertEquals("hello", stored("Drafts", 2));
        assertEquals("abc" + "body two", stored("Drafts", 3));
        assertEquals(0, MultiAppendTest.filesIn(tmp()));
    }

    /** Each URL is refused with {@code NO [BADURL url]}, and nothing is stored. */
    @Test
    void urlsThatDoNotResolveInTheAccountAreBadUrls() throws Exception {
        List<String> bad = List.of(
                "/INBOX;UIDVALIDITY=" + (uidValidity + 1) + "/;UID=1",
                "/INBOX/;UID=2",
                "/INBOX/;UID=0",
                "/INBOX/;UID=99999999999",
                "/Nosuch/;UID=1",
                "/..%2F..%2Fetc/;UID=1",
                "/INBOX%2F..%2F..%2F..%2Fetc%2Fpasswd/;UID=1",
                "/../INBOX/;UID=1",
                "/%2E%2E/;UID=1",
                "/.INBOX/;UID=1",
                "/INBOX%00/;UID=1",
                "/INBOX%0D%0A/;UID=1",
                "/%FF%FE/;UID=1",
                "/INBOX%2/;UID=1",
                "/tmp/;UID=1",
                "imap://alice@localhost/INBOX/;UID=1",
                "//localhost/INBOX/;UID=1",
                "INBOX/;UID=1",
                ";UID=1",
                ";SECTION=1",
                "/INBOX/;UID=1/;SECTION=99",
                "/INBOX/;UID=1/;SECTION=1.2.3.4.5.6.7.8.9.10.11.12",
                "/INBOX/;UID=1/;SECTION=99999999999999999999",
                "/INBOX/;UID=1/;SECTION=BOGUS",
                "/INBOX/;UID=1/;SECTION=1%5D%3C0.5%3E",
                "/INBOX/;UID=1/;PARTIAL=0.0",
                "/INBOX/;UID=1/;URLAUTH=anonymous:internal:0123456789abcdef",
                "/INBOX?SUBJECT%20x",
                "/INBOX/;UID=1/junk");
        try (ImapTestClient c = server.loggedIn()) {
            for (String url : bad) {
                List<String> r = c.command("APPEND INBOX {5+}\r\nfirst CATENATE (TEXT {3+}\r\nabc URL \"" + url
                        + "\")");
                assertEquals("NO [BADURL " + url + "] Bad URL", ImapTestClient.tagged(r).split(" ", 2)[1], url);
            }
            List<String> r = c.command("APPEND INBOX CATENATE (URL \"/INBOX/;UID=1/;x]\")");
            assertHas(r, "\\S+ NO \\[BADURL /INBOX/;UID=1/;x%5D\\] .*");
        }
        assertEquals(1, server.store().openView(FolderName.INBOX, true).size(), "only the original");
        assertEquals(2, server.store().openView(FolderName.INBOX, true).uidNext(), "no UID was taken");
        assertEquals(0, MultiAppendTest.filesIn(tmp()));
    }

    @Test
    void aResultOverTheSizeLimitIsTooBig() throws Exception {
        server.close();
        server = TestImapServer.start(maildir.resolve("Maildir"), null, true, b -> b.maxLiteralSize(2000));
        try (ImapTestClient c = server.loggedIn()) {
            String twice = "URL \"/INBOX/;UID=1\" ".repeat(2000 / ORIGINAL.length());
            assertOk(c.command("APPEND INBOX CATENATE (" + twice.trim() + ")"));
            assertHas(c.command("APPEND INBOX CATENATE (" + twice + "URL \"/INBOX/;UID=1\")"),
                    "\\S+ NO \\[TOOBIG\\].*");
            assertHas(c.command("APPEND INBOX CATENATE (" + twice + "TEXT {" + ORIGINAL.length() + "+}\r\n"
                    + ORIGINAL + ")"), "\\S+ NO \\[TOOBIG\\].*");
        }
        assertEquals(2, server.store().openView(FolderName.INBOX, true).size());
        assertEquals(0, MultiAppendTest.filesIn(tmp()));
    }
}
