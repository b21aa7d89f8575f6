package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.StrictImapClient;
import org.mailstack.imap.testkit.StrictResponseReader.Response;

/**
 * NOTIFY (RFC 5465) through real sessions: one session watches, another changes, and what the first receives
 * between its commands is read with the strict response parser.
 */
class NotifyTest extends ConversationTest {
    private static final String WATCH = "NOTIFY SET (SELECTED (MessageNew (UID FLAGS) MessageExpunge FlagChange)) "
            + "(MAILBOXES Other (MessageNew MessageExpunge FlagChange)) (PERSONAL (MailboxName SubscriptionChange))";

    /** Reads responses until one matches its raw text, failing on a tagged response or the socket's timeout. */
    private static Response await(StrictImapClient c, String regex, List<Response> seen) throws IOException {
        Predicate<String> p = Pattern.compile(regex).asMatchPredicate();
        while (true) {
            Response r = c.read();
            if (r == null) {
                throw new IOException("connection closed; saw " + seen);
            }
            seen.add(r);
            assertFalse(r.isTagged(), () -> "tagged response between commands: " + r);
            if (p.test(r.raw().stripTrailing())) {
                return r;
            }
        }
    }

    private static Response await(StrictImapClient c, String regex) throws IOException {
        return await(c, regex, new ArrayList<>());
    }

    @Test
    void anotherSessionsChangesArriveWhileTheWatcherIsBetweenCommands() throws Exception {
        try (StrictImapClient a = StrictImapClient.loggedIn(server.port());
             StrictImapClient b = StrictImapClient.loggedIn(server.port())) {
            assertTrue(a.expectOk("CAPABILITY").get(0).raw().contains(" NOTIFY"));
            b.expectOk("CREATE Other");
            a.expectOk("SELECT INBOX");
            a.expectOk(WATCH);

            b.append("Other", message("one", "1").getBytes(StandardCharsets.UTF_8));
            await(a, "\\* STATUS \"?Other\"? \\(MESSAGES 1 UIDNEXT 2 UNSEEN 1\\)");

            b.append("INBOX", message("two", "2").getBytes(StandardCharsets.UTF_8));
            await(a, "\\* 1 EXISTS");
            Response fetch = await(a, "\\* 1 FETCH .*");
            assertEquals("1", String.valueOf(fetch.fetch().get("UID")));

            b.expectOk("SELECT Other");
            b.expectOk("STORE 1 +FLAGS.SILENT (\\Seen)");
            await(a, "\\* STATUS \"?Other\"? \\(MESSAGES 1 UIDNEXT 2 UNSEEN 0\\)");
            b.expectOk("STORE 1 +FLAGS.SILENT (\\Deleted)");
            b.expectOk("EXPUNGE");
            await(a, "\\* STATUS \"?Other\"? \\(MESSAGES 0 UIDNEXT 2 UNSEEN 0\\)");

            b.expectOk("SELECT INBOX");
            b.expectOk("STORE 1 +FLAGS.SILENT (\\Flagged)");
            await(a, "\\* 1 FETCH \\(.*FLAGS \\(.*\\\\Flagged.*\\).*\\)");
            b.expectOk("STORE 1 +FLAGS.SILENT (\\Deleted)");
            b.expectOk("EXPUNGE");
            await(a, "\\* 1 EXPUNGE");

            b.expectOk("CREATE New");
            await(a, "\\* LIST \\(\\) \"/\" \"?New\"?");
            b.expectOk("RENAME New Newer");
            await(a, "\\* LIST \\(\\) \"/\" \"?Newer\"? \\(\"OLDNAME\" \\(\"?New\"?\\)\\)");
            b.expectOk("SUBSCRIBE Newer");
            await(a, "\\* LIST \\(\\\\Subscribed\\) \"/\" \"?Newer\"?");
            b.expectOk("UNSUBSCRIBE Newer");
            await(a, "\\* LIST \\(\\) \"/\" \"?Newer\"?");
            b.expectOk("DELETE Newer");
            await(a, "\\* LIST \\(\\\\NonExistent\\) \"/\" \"?Newer\"?");

            assertEquals("OK", StrictImapClient.tagged(a.command("NOOP")).kind());
        }
    }

    @Test
    void deliveryAndFilesDroppedIntoNewAreNotified() throws Exception {
        try (StrictImapClient a = StrictImapClient.loggedIn(server.port())) {
            a.expectOk("CREATE Other");
            a.expectOk("NOTIFY SET (INBOXES (MessageNew MessageExpunge)) (MAILBOXES Other (MessageNew MessageExpunge))");
            deliver("INBOX", message("smtp", "1")); // the account's SMTP receiver delivers through the store
            await(a, "\\* STATUS \"?INBOX\"? \\(MESSAGES 1 UIDNEXT 2 UNSEEN 1\\)");
            // another process writing the Maildir: only the polling reading of new/ can see it
            Path file = maildir.resolve("Maildir").resolve(".Other").resolve("new").resolve("1700000000.M1P1.elsewhere");
            Files.write(file, message("elsewhere", "x").getBytes(StandardCharsets.UTF_8));
            await(a, "\\* STATUS \"?Other\"? \\(MESSAGES 1 UIDNEXT 2 UNSEEN 1\\)");
        }
    }

    @Test
    void filtersChooseTheMailboxesAndANewMailboxIsWatchedFromItsCreation() throws Exception {
        try (StrictImapClient a = StrictImapClient.loggedIn(server.port());
             StrictImapClient b = StrictImapClient.loggedIn(server.port())) {
            b.expectOk("CREATE Other");
            b.expectOk("CREATE Lists/a");
            a.expectOk("NOTIFY SET (SUBTREE Lists (MessageNew MessageExpunge MailboxName)) "
                    + "(SUBSCRIBED (MessageNew MessageExpunge SubscriptionChange))");
            deliver("Other", message("unwatched", "1")); // neither in the subtree nor subscribed
            deliver("Lists/a", message("watched", "1"));
            List<Response> seen = new ArrayList<>();
            await(a, "\\* STATUS \"?Lists/a\"? \\(MESSAGES 1 UIDNEXT 2 UNSEEN 1\\)", seen);
            b.expectOk("SUBSCRIBE Other");
            await(a, "\\* LIST \\(\\\\Subscribed\\) \"/\" \"?Other\"?", seen); // watched from here on
            deliver("Other", message("now watched", "2"));
            await(a, "\\* STATUS \"?Other\"? \\(MESSAGES 2 UIDNEXT 3 UNSEEN 2\\)", seen);
            b.expectOk("CREATE Lists/b");
            b.append("Lists/b", message("first", "1").getBytes(StandardCharsets.UTF_8));
            await(a, "\\* LIST \\(\\) \"/\" \"?Lists/b\"?", seen);
            await(a, "\\* STATUS \"?Lists/b\"? \\(MESSAGES 1 UIDNEXT 2 UNSEEN 1\\)", seen);
            assertFalse(seen.stream().anyMatch(r -> r.raw().contains("STATUS \"Other\" (MESSAGES 1")), seen::toString);
        }
    }

    @Test
    void selectedDelayedWaitsForTheNextCommand() throws Exception {
        try (StrictImapClient a = StrictImapClient.loggedIn(server.port());
             StrictImapClient b = StrictImapClient.loggedIn(server.port())) {
            a.expectOk("SELECT INBOX");
            a.expectOk("NOTIFY SET (SELECTED-DELAYED (MessageNew MessageExpunge))");
            b.append("INBOX", message("one", "1").getBytes(StandardCharsets.UTF_8));
            a.socket().setSoTimeout(2500);
            try {
                Response unexpected = a.read();
                throw new AssertionError("pushed under SELECTED-DELAYED: " + unexpected);
            } catch (SocketTimeoutException expected) {
                // nothing came between commands
            }
            a.socket().setSoTimeout(20_000);
            List<Response> noop = a.expectOk("NOOP");
            assertTrue(noop.stream().anyMatch(r -> r.raw().equals("* 1 EXISTS\r\n")), noop::toString);
        }
    }

    @Test
    void statusIndicatorSendsTheCurrentStatusAndNoneStops() throws Exception {
        deliver("INBOX", message("one", "1"));
        try (StrictImapClient a = StrictImapClient.loggedIn(server.port());
             StrictImapClient b = StrictImapClient.loggedIn(server.port())) {
            a.expectOk("ENABLE CONDSTORE");
            List<Response> r = a.expectOk("NOTIFY SET STATUS (INBOXES (MessageNew MessageExpunge FlagChange))");
            assertTrue(r.stream().anyMatch(x -> x.raw().matches(
                    "\\* STATUS \"?INBOX\"? \\(MESSAGES 1 UIDNEXT 2 UNSEEN 1 HIGHESTMODSEQ \\d+\\)\r\n")), r::toString);
            b.expectOk("SELECT INBOX");
            b.expectOk("STORE 1 +FLAGS.SILENT (\\Flagged)"); // FlagChange: HIGHESTMODSEQ moved, UNSEEN did not
            await(a, "\\* STATUS \"?INBOX\"? \\(MESSAGES 1 UIDNEXT 2 UNSEEN 1 HIGHESTMODSEQ \\d+\\)");
            a.expectOk("NOTIFY NONE");
            b.append("INBOX", message("two", "2").getBytes(StandardCharsets.UTF_8));
            a.socket().setSoTimeout(2500);
            try {
                Response unexpected = a.read();
                throw new AssertionError("notified after NOTIFY NONE: " + unexpected);
            } catch (SocketTimeoutException expected) {
                // nothing came
            }
        }
    }

    @Test
    void invalidEventCombinationsAreBadAndUnsupportedEventsBadevent() throws Exception {
        try (StrictImapClient a = StrictImapClient.loggedIn(server.port())) {
            for (String bad : List.of("NOTIFY SET (INBOXES (MessageNew))",
                    "NOTIFY SET (INBOXES (MessageExpunge))",
                    "NOTIFY SET (PERSONAL (FlagChange))",
                    "NOTIFY SET (SELECTED (MailboxName))",
                    "NOTIFY SET (INBOXES (MessageNew (UID) MessageExpunge))",
                    "NOTIFY SET (SELECTED (MessageNew MessageExpunge)) (SELECTED-DELAYED (MessageNew MessageExpunge))",
                    "NOTIFY SET (NOWHERE (MessageNew MessageExpunge))",
                    "NOTIFY SET (INBOXES MessageNew MessageExpunge)",
                    "NOTIFY")) {
                assertEquals("BAD", StrictImapClient.tagged(a.command(bad)).kind(), bad);
            }
            for (String unsupported : List.of("NOTIFY SET (PERSONAL (MailboxMetadataChange))",
                    "NOTIFY SET (INBOXES (MessageNew MessageExpunge AnnotationChange))",
                    "NOTIFY SET (PERSONAL (ServerMetadataChange))",
                    "NOTIFY SET (PERSONAL (XFutureEvent))")) {
                Response t = StrictImapClient.tagged(a.command(unsupported));
                assertEquals("NO", t.kind(), unsupported);
                assertEquals("BADEVENT (MessageNew MessageExpunge FlagChange MailboxName SubscriptionChange)", t.code());
            }
            assertEquals("OK", StrictImapClient.tagged(a.command("NOTIFY SET (SELECTED NONE) (PERSONAL NONE)")).kind());
            assertEquals("OK", StrictImapClient.tagged(a.command("NOTIFY NONE")).kind());
        }
    }

    /**
     * A client that stops reading while large MessageNew fetches pile up: the server stops at its connection's
     * buffer with NOTIFICATIONOVERFLOW (RFC 5465 section 5.8) and notifies nothing more, however much arrives.
     */
    @Test
    void aClientThatDoesNotReadGetsNotificationOverflowAndNothingMore() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            body.append("line ").append(i).append(" of a large message, to fill the buffers of the connection\r\n");
        }
        byte[] big = message("big", body.toString()).getBytes(StandardCharsets.UTF_8); // about 140 KB
        int messages = 120; // about 17 MB of FETCH if nothing stopped it: beyond every socket buffer
        try (StrictImapClient a = new StrictImapClient(server.port(), 4096);
             StrictImapClient b = StrictImapClient.loggedIn(server.port())) {
            StrictImapClient.loggedIn(a);
            a.expectOk("SELECT INBOX");
            a.expectOk("NOTIFY SET (SELECTED (MessageNew (UID BODY.PEEK[]) MessageExpunge))");
            for (int i = 0; i < messages; i++) {
                b.append("INBOX", big);
            }
            Thread.sleep(3 * 1000L); // a round at least after the last append
            int fetches = 0;
            int overflow = -1;
            int afterOverflow = 0;
            a.send("x1 NOOP\r\n");
            while (true) {
                Response r = a.read();
                if (r == null || r.tag().equals("x1")) {
                    assertEquals("OK", r == null ? null : r.kind());
                    break;
                }
                if (r.kind().equals("FETCH")) {
                    fetches++;
                    if (overflow >= 0) {
                        afterOverflow++;
                    }
                } else if ("NOTIFICATIONOVERFLOW".equals(r.code())) {
                    assertEquals(-1, overflow, "a second overflow");
                    overflow = fetches;
                }
            }
            assertTrue(overflow >= 0, "no NOTIFICATIONOVERFLOW after " + fetches + " fetches");
            assertTrue(fetches < messages / 2, "the server kept sending: " + fetches + " FETCH responses");
            assertEquals(0, afterOverflow, "FETCH pushed after the overflow");
            // NOTIFY is off: more mail is no longer pushed, the session still works
            b.append("INBOX", message("after", "x").getBytes(StandardCharsets.UTF_8));
            a.socket().setSoTimeout(2500);
            try {
                Response unexpected = a.read();
                throw new AssertionError("notified after the overflow: " + unexpected);
            } catch (SocketTimeoutException expected) {
                // nothing came
            }
            a.socket().setSoTimeout(20_000);
            assertEquals("OK", StrictImapClient.tagged(a.command("NOOP")).kind());
        }
    }
}
