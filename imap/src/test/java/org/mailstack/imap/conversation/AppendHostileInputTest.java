package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.imap.parse.AppendRequest;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;

/**
 * Malformed MULTIAPPEND and CATENATE commands, absurd literal counts and overlong commands: each is answered
 * {@code BAD}, stores nothing, leaves nothing in {@code tmp/}, and the connection goes on.
 */
class AppendHostileInputTest extends ConversationTest {
    private ImapTestClient c;

    @BeforeEach
    void connect() throws Exception {
        deliver("INBOX", message("original", "text"));
        c = server.loggedIn();
    }

    @AfterEach
    void unchanged() throws Exception {
        assertOk(c.command("NOOP"));
        c.close();
        MailboxView v = server.store().openView(FolderName.INBOX, true);
        assertEquals(1, v.size(), "only the original");
        assertEquals(2, v.uidNext(), "no UID was taken");
        assertEquals(0, MultiAppendTest.filesIn(tmp()));
    }

    private Path tmp() {
        return maildir.resolve("Maildir").resolve("tmp");
    }

    @Test
    void malformedMultiappends() throws Exception {
        List<String> commands = List.of(
                "APPEND INBOX {5+}\r\nhello{5+}\r\nworld",                // no space between the messages
                "APPEND INBOX {5+}\r\nhello ",                            // a space and nothing
                "APPEND INBOX {5+}\r\nhello (\\Seen)",                    // flags without a message
                "APPEND INBOX {5+}\r\nhello \"bogus date\" {5+}\r\nworld", // a bad date-time
                "APPEND INBOX {5+}\r\nhello \"world\"",                   // a quoted string is no message
                "APPEND INBOX {5+}\r\nhello (\\Seen) (\\Draft) {5+}\r\nworld",
                "APPEND INBOX {5+}\r\nhello (\\Bogus) {5+}\r\nworld",     // an unknown system flag
                "APPEND INBOX {5+}\r\nhello {5+}\r\nworld trailing",
                "APPEND INBOX (\\Seen {5+}\r\nhello",
                "APPEND INBOX");
        for (String command : commands) {
            assertBad(c.command(command));
        }
    }

    @Test
    void malformedAndUnterminatedCatenateLists() throws Exception {
        List<String> commands = List.of(
                "APPEND INBOX CATENATE (TEXT {3+}\r\nabc",                 // unterminated
                "APPEND INBOX CATENATE (URL \"/INBOX/;UID=1\"",            // unterminated
                "APPEND INBOX CATENATE (TEXT {3+}\r\nabc URL \"/INBOX/;UID=1\" ",
                "APPEND INBOX {5+}\r\nhello CATENATE (TEXT {3+}\r\nabc",
                "APPEND INBOX CATENATE ()",
                "APPEND INBOX CATENATE (TEXT {3+}\r\nabc URL)",
                "APPEND INBOX CATENATE (TEXT \"abc\")",                    // TEXT takes a literal only
                "APPEND INBOX CATENATE (FOO \"x\")",
                "APPEND INBOX CATENATE (TEXT {3+}\r\nabc) trailing",
                "APPEND INBOX CATENATE TEXT {3+}\r\nabc",                  // no list
                "APPEND INBOX CATENATE (TEXT {3+}\r\nabc (TEXT {1+}\r\nx))",
                "APPEND INBOX CATENATE (TEXT {3+}\r\nabc  URL \"/INBOX/;UID=1\")",
                "APPEND INBOX CATENATE(TEXT {3+}\r\nabc)");
        for (String command : commands) {
            assertBad(c.command(command));
        }
    }

    @Test
    void literalCountsThatAreNoLiteralMarkers() throws Exception {
        List<String> commands = List.of(
                "APPEND INBOX {99999999999999999999+}",
                "APPEND INBOX {9999999999999999999}",
                "APPEND INBOX {-1}",
                "APPEND INBOX {}",
                "APPEND INBOX {5x}",
                "APPEND INBOX {5}x",
                "APPEND INBOX {0x10+}",
                "APPEND INBOX CATENATE (TEXT {+})");
        for (String command : commands) {
            assertBad(c.command(command));
        }
    }

    @Test
    void tooManyNonSynchronisingLiteralsAreReadToTheEndAndRefused() throws Exception {
        StringBuilder sb = new StringBuilder("APPEND INBOX CATENATE (TEXT {1+}\r\nx");
        for (int i = 0; i < AppendRequest.MAX_PARTS + 5; i++) {
            sb.append(" TEXT {1+}\r\nx");
        }
        List<String> r = c.command(sb.append(")").toString());
        assertEquals(1, r.size(), r::toString);
        assertTrue(ImapTestClient.tagged(r).matches("\\S+ BAD Too many literals in one APPEND\\."), r::toString);
    }

    @Test
    void tooManySynchronisingLiteralsAreRefusedInsteadOfAContinuation() throws Exception {
        c.socket().setTcpNoDelay(true);
        c.send("m1 APPEND INBOX {1}\r\n");
        int continuations = 0;
        while (true) {
            String line = c.readLine();
            if (!line.startsWith("+ ")) {
                assertEquals("m1 BAD Too many literals in one APPEND.", line);
                break;
            }
            continuations++;
            assertTrue(continuations <= AppendRequest.MAX_PARTS, "bounded");
            c.send("x {1}\r\n");
        }
        assertEquals(AppendRequest.MAX_PARTS, continuations);
    }

    @Test
    void tooManyPartsWithoutLiterals() throws Exception {
        String urls = "URL \"/INBOX/;UID=1\" ".repeat(AppendRequest.MAX_PARTS + 1).trim();
        assertBad(c.command("APPEND INBOX CATENATE (" + urls + ")"));
    }

    @Test
    void overlongCommands() throws Exception {
        // one line over the line limit, after a message that was already received to tmp/
        List<String> r = c.command("APPEND INBOX {5+}\r\nhello " + "x".repeat(70_000));
        assertTrue(ImapTestClient.tagged(r).matches("\\S+ BAD Command line too long\\."), r::toString);
        // lines within the limit whose sum is more than an APPEND may hold besides its literals
        String url = "URL \"/INBOX/;UID=1/;SECTION=" + "1.".repeat(30_000) + "1\"";
        StringBuilder sb = new StringBuilder("APPEND INBOX CATENATE (TEXT {1+}\r\nx");
        for (int i = 0; i < 6; i++) {
            sb.append(' ').append(url).append(" TEXT {1+}\r\nx");
        }
        r = c.command(sb.append(")").toString());
        assertTrue(ImapTestClient.tagged(r).matches("\\S+ BAD APPEND command too long\\."), r::toString);
        // the same with a synchronising literal: refused instead of a continuation
        c.send("o1 APPEND INBOX CATENATE (TEXT {1+}\r\nx " + url + " TEXT {1+}\r\nx " + url + " TEXT {1+}\r\nx "
                + url + " TEXT {1+}\r\nx " + url + " TEXT {1+}\r\nx " + url + " TEXT {1}\r\n");
        assertEquals("o1 BAD APPEND command too long.", c.readLine());
    }

    @Test
    void aHugeSectionIsABadUrlNotAFailure() throws Exception {
        String section = "1.".repeat(20_000) + "1";
        List<String> r = c.command("APPEND INBOX CATENATE (URL \"/INBOX/;UID=1/;SECTION=" + section + "\")");
        assertTrue(ImapTestClient.tagged(r).matches("\\S+ NO \\[BADURL .*"), r::toString);
    }
}
