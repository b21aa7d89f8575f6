package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.StrictImapClient;
import org.mailstack.imap.testkit.StrictResponseReader.Response;
import org.mailstack.imap.testkit.StrictResponseReader.Str;

/**
 * FETCH of a message another session has changed or expunged but this one has not been told about yet
 * (RFC 2180 section 4.1): what can still be read is served, and a message that cannot is left out whole.
 */
class ExpungedElsewhereFetchTest extends ConversationTest {

    private static final String ONE = message("one", "first body");
    private static final String TWO = message("two", "second body");

    @Test
    void aFileRenamedBehindTheStoresBackIsFoundByItsBaseName() throws Exception {
        deliver("INBOX", ONE);
        try (StrictImapClient a = StrictImapClient.loggedIn(server.port())) {
            a.expectOk("SELECT INBOX");
            Path file = messageFiles().get(0);
            String base = file.getFileName().toString().split(":")[0];
            Files.move(file, maildir.resolve("Maildir/cur").resolve(base + ":2,FS")); // another program's flag change
            List<Response> r = a.expectOk("FETCH 1 (BODY.PEEK[] BODY.PEEK[TEXT])");
            assertEquals(ONE, ((Str) r.get(0).fetch().get("BODY[]")).text());
            assertEquals("first body\r\n", ((Str) r.get(0).fetch().get("BODY[TEXT]")).text());
        }
    }

    @Test
    void cachedHeaderFieldsAndStructureOfAMessageExpungedElsewhereAreServed() throws Exception {
        deliver("INBOX", ONE);
        deliver("INBOX", TWO);
        try (StrictImapClient a = StrictImapClient.loggedIn(server.port());
             StrictImapClient b = StrictImapClient.loggedIn(server.port())) {
            a.expectOk("SELECT INBOX");
            String items = "(UID FLAGS RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (Subject)])";
            List<Response> before = a.expectOk("FETCH 1:2 " + items);
            expungeFirst(b);

            List<Response> after = a.command("FETCH 1:2 " + items);
            assertEquals("OK", StrictImapClient.tagged(after).kind(), after::toString);
            assertEquals(before.get(0).fetch().toString(), after.get(0).fetch().toString());
            assertEquals("Subject: one\r\n\r\n",
                    ((Str) after.get(0).fetch().get("BODY[HEADER.FIELDS (SUBJECT)]")).text());
            assertEquals(1, a.expectOk("NOOP").stream().filter(x -> x.kind().equals("EXPUNGE")).count());
        }
    }

    @Test
    void aBodyThatCannotBeReadAnymoreLeavesItsMessageOutWhole() throws Exception {
        deliver("INBOX", ONE);
        deliver("INBOX", TWO);
        try (StrictImapClient a = StrictImapClient.loggedIn(server.port());
             StrictImapClient b = StrictImapClient.loggedIn(server.port())) {
            a.expectOk("SELECT INBOX");
            expungeFirst(b);

            List<Response> r = a.command("FETCH 1:2 (UID BODY.PEEK[HEADER.FIELDS (Subject)] BODY.PEEK[1])");
            assertEquals(2, r.size(), r::toString);
            assertEquals(2, r.get(0).number());
            assertEquals("second body\r\n", ((Str) r.get(0).fetch().get("BODY[1]")).text());
            assertEquals("NO", r.get(1).kind());
            assertEquals("EXPUNGEISSUED", r.get(1).code());
        }
    }

    /** Another session expunges message 1: its file is gone. */
    private void expungeFirst(StrictImapClient other) throws Exception {
        other.expectOk("SELECT INBOX");
        other.expectOk("STORE 1 +FLAGS.SILENT (\\Deleted)");
        other.expectOk("EXPUNGE");
        assertEquals(1, messageFiles().size(), "the file is gone");
    }

    private List<Path> messageFiles() throws Exception {
        try (Stream<Path> s = Stream.concat(Files.list(maildir.resolve("Maildir/new")),
                Files.list(maildir.resolve("Maildir/cur")))) {
            return s.toList();
        }
    }
}
