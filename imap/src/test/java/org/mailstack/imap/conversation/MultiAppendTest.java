package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.core.maildir.SystemFlag;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;
import org.mailstack.imap.testkit.TestImapServer;

/** MULTIAPPEND (RFC 3502): several messages in one APPEND, stored all or none, with APPENDUID (RFC 4315). */
class MultiAppendTest extends ConversationTest {
    private static final Pattern APPENDUID = Pattern.compile("\\S+ OK \\[APPENDUID (\\d+) ([0-9:,]+)\\].*");

    static long filesIn(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private Path tmp() {
        return maildir.resolve("Maildir").resolve("tmp");
    }

    static String body(MailboxView v, long uid) throws Exception {
        try (InputStream in = v.openBody(uid)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The UID set of the tagged APPENDUID response, after checking its UIDVALIDITY against the folder's. */
    private String appendUids(List<String> lines, String folder) throws Exception {
        Matcher m = APPENDUID.matcher(ImapTestClient.tagged(lines));
        assertTrue(m.matches(), () -> String.join("\n", lines));
        assertEquals(server.store().openView(FolderName.of(folder), true).uidValidity(), Long.parseLong(m.group(1)));
        return m.group(2);
    }

    @Test
    void bothExtensionsAreAdvertised() throws Exception {
        try (ImapTestClient c = server.client()) {
            String greeting = c.greeting();
            assertTrue(greeting.matches("\\* OK \\[CAPABILITY .* MULTIAPPEND CATENATE.*"), greeting);
            assertOk(c.command("LOGIN alice secret"));
            assertHas(c.command("CAPABILITY"), "\\* CAPABILITY .*\\bMULTIAPPEND\\b.*");
            assertHas(c.command("CAPABILITY"), "\\* CAPABILITY .*\\bCATENATE\\b.*");
        }
    }

    @Test
    void synchronisingLiteralsEachGetAContinuationAndKeepTheirFlagsAndDates() throws Exception {
        String one = message("one", "first");
        String two = message("two", "second");
        try (ImapTestClient c = server.loggedIn()) {
            c.send("a1 APPEND Drafts (\\Seen) {" + one.length() + "}\r\n");
            assertTrue(c.readLine().startsWith("+ "));
            c.send(one);
            c.send(" (\\Draft $Label) \" 1-Feb-1994 22:43:04 -0800\" {" + two.length() + "}\r\n");
            assertTrue(c.readLine().startsWith("+ "));
            c.send(two + "\r\n");
            assertEquals("1:2", appendUids(c.readUntilTagged("a1"), "Drafts"));
        }
        MailboxView v = server.store().openView(FolderName.of("Drafts"), true);
        assertEquals(2, v.size());
        assertEquals(one, body(v, 1));
        assertEquals(two, body(v, 2));
        assertTrue(v.get(1).flags().contains(SystemFlag.SEEN));
        assertTrue(v.get(2).flags().contains(SystemFlag.DRAFT));
        assertTrue(v.get(2).flags().keywords().contains("$Label"));
        assertEquals(Instant.parse("1994-02-02T06:43:04Z"), v.get(2).internalDate());
        assertEquals(0, filesIn(tmp()));
    }

    @Test
    void nonSynchronisingLiteralsInOneWriteAndMixedWithSynchronisingOnes() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            assertEquals("1:3", appendUids(c.command("APPEND INBOX {5+}\r\nhello {5+}\r\nworld (\\Flagged) {3+}\r\nxyz"),
                    "INBOX"));
            c.send("a2 APPEND INBOX {4+}\r\nfour {4}\r\n");
            assertTrue(c.readLine().startsWith("+ "), "only the synchronising literal gets a continuation");
            c.send("five\r\n");
            assertEquals("4:5", appendUids(c.readUntilTagged("a2"), "INBOX"));
        }
        MailboxView v = server.store().openView(FolderName.INBOX, true);
        assertEquals(List.of("hello", "world", "xyz", "four", "five"),
                List.of(body(v, 1), body(v, 2), body(v, 3), body(v, 4), body(v, 5)));
        assertTrue(v.get(3).flags().contains(SystemFlag.FLAGGED));
        assertEquals(0, filesIn(tmp()));
    }

    @Test
    void oneZeroByteMessageStoresNoneOfThem() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            assertNo(c.command("APPEND INBOX {5+}\r\nhello {5+}\r\nworld {0+}\r\n"));
            assertNo(c.command("APPEND nosuch {5+}\r\nhello {5+}\r\nworld"));
            assertHas(c.command("APPEND nosuch {5+}\r\nhello {5+}\r\nworld"), "\\S+ NO \\[TRYCREATE\\].*");
            assertEquals("1", appendUids(c.command("APPEND INBOX {5+}\r\nagain"), "INBOX"),
                    "the refused ones took no UID");
        }
        assertEquals(1, server.store().openView(FolderName.INBOX, true).size());
        assertEquals(0, filesIn(tmp()));
    }

    @Test
    void messagesThatFitTheQuotaOneByOneButNotTogetherStoreNone() throws Exception {
        server.close();
        server = TestImapServer.start(maildir.resolve("Maildir"), o -> o.withQuotaBytes(300), null, true, b -> { });
        String big = "Subject: x\r\n\r\n" + "y".repeat(200) + "\r\n";
        try (ImapTestClient c = server.loggedIn()) {
            String literal = "{" + big.length() + "+}\r\n" + big;
            assertHas(c.command("APPEND INBOX " + literal + " " + literal), "\\S+ NO \\[OVERQUOTA\\].*");
            assertEquals(0, server.store().openView(FolderName.INBOX, true).size());
            assertEquals(0, filesIn(tmp()));
            assertEquals("1", appendUids(c.command("APPEND INBOX " + literal), "INBOX"));
        }
        assertEquals(1, server.store().openView(FolderName.INBOX, true).size());
    }

    @Test
    void anotherSessionSeesTheMessagesOnlyOnceAllAreStored() throws Exception {
        try (ImapTestClient watcher = server.loggedIn(); ImapTestClient c = server.loggedIn()) {
            assertOk(watcher.command("SELECT INBOX"));
            c.send("a1 APPEND INBOX {5}\r\n");
            assertTrue(c.readLine().startsWith("+ "));
            c.send("hello {5}\r\n");
            assertTrue(c.readLine().startsWith("+ "));
            // the first message is in tmp/, not in the mailbox, while the command is not complete
            List<String> meanwhile = watcher.command("NOOP");
            assertTrue(meanwhile.stream().noneMatch(l -> l.matches("\\* \\d+ EXISTS")), meanwhile::toString);
            assertEquals(0, server.store().openView(FolderName.INBOX, true).size());
            c.send("world\r\n");
            assertEquals("1:2", appendUids(c.readUntilTagged("a1"), "INBOX"));
            assertHas(watcher.command("NOOP"), "\\* 2 EXISTS");
        }
    }
}
