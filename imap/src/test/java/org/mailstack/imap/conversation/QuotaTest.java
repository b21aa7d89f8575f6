package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;
import org.mailstack.imap.testkit.TestImapServer;

/** QUOTA (RFC 9208) over the store's byte quota, and the STATUS items DELETED, DELETED-STORAGE and SIZE. */
class QuotaTest extends ConversationTest {

    /** A message of exactly {@code n} octets. */
    private static String sized(String subject, int n) {
        String head = "Subject: " + subject + "\r\n\r\n";
        return head + "a".repeat(n - head.length() - 2) + "\r\n";
    }

    private void restartWithQuota(long bytes) throws Exception {
        server.close();
        server = TestImapServer.withQuota(maildir.resolve("Maildir"), bytes);
    }

    @Test
    void everyMailboxHasTheAccountsRootWithStorageInKibibytes() throws Exception {
        restartWithQuota(10 * 1024 + 1000);
        deliver("INBOX", sized("one", 2049));
        try (ImapTestClient c = server.loggedIn()) {
            assertHas(c.command("CAPABILITY"), "\\* CAPABILITY .* QUOTA QUOTA=RES-STORAGE STATUS=SIZE( .*|$)");
            List<String> r = c.command("GETQUOTAROOT INBOX");
            assertEquals(List.of("* QUOTAROOT \"INBOX\" \"\"", "* QUOTA \"\" (STORAGE 3 10)"), r.subList(0, 2));
            assertOk(r);
            assertOk(c.command("CREATE Projects"));
            assertEquals("* QUOTAROOT \"Projects\" \"\"", c.command("GETQUOTAROOT Projects").get(0));
            assertEquals("* QUOTA \"\" (STORAGE 3 10)", c.command("GETQUOTA \"\"").get(0));
            assertHas(c.command("GETQUOTA other"), "\\S+ NO \\[NONEXISTENT\\].*");
            assertHas(c.command("GETQUOTAROOT Nope"), "\\S+ NO \\[NONEXISTENT\\].*");
            deliver("INBOX", sized("two", 1024));
            assertEquals("* QUOTA \"\" (STORAGE 4 10)", c.command("GETQUOTA \"\"").get(0));
        }
    }

    @Test
    void setQuotaIsRefusedAndChangesNothing() throws Exception {
        restartWithQuota(8192);
        try (ImapTestClient c = server.loggedIn()) {
            assertFalse(has(c.command("CAPABILITY"), ".*QUOTASET.*"));
            assertHas(c.command("SETQUOTA \"\" (STORAGE 1000000)"), "\\S+ NO \\[NOPERM\\].*");
            assertHas(c.command("SETQUOTA \"\" ()"), "\\S+ NO \\[NOPERM\\].*");
            for (String bad : List.of("SETQUOTA \"\"", "SETQUOTA \"\" (STORAGE)", "SETQUOTA \"\" (STORAGE x)",
                    "SETQUOTA \"\" (STORAGE 99999999999999999999999)", "SETQUOTA \"\" STORAGE 5",
                    "GETQUOTA", "GETQUOTAROOT", "GETQUOTA \"\" extra")) {
                assertBad(c.command(bad));
            }
            assertEquals("* QUOTA \"\" (STORAGE 0 8)", c.command("GETQUOTA \"\"").get(0));
        }
        assertEquals(8192, server.store().quota().limitBytes());
    }

    @Test
    void quotaCommandsNeedALogin() throws Exception {
        try (ImapTestClient c = server.client()) {
            c.greeting();
            assertBad(c.command("GETQUOTAROOT INBOX"));
        }
    }

    @Test
    void anAccountWithoutALimitHasNoQuotaRoot() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            List<String> r = c.command("GETQUOTAROOT INBOX");
            assertEquals("* QUOTAROOT \"INBOX\"", r.get(0));
            assertFalse(has(r, "\\* QUOTA .*"));
            assertHas(c.command("GETQUOTA \"\""), "\\S+ NO \\[NONEXISTENT\\].*");
        }
    }

    @Test
    void appendAndCopyOverTheQuotaAnswerOverquotaAndStoreNothing() throws Exception {
        restartWithQuota(4096);
        deliver("INBOX", sized("one", 3000));
        try (ImapTestClient c = server.loggedIn()) {
            String big = sized("big", 2000);
            c.send("a1 APPEND INBOX {" + big.length() + "+}\r\n" + big + "\r\n");
            assertHas(c.readUntilTagged("a1"), "a1 NO \\[OVERQUOTA\\].*");
            c.send("a2 APPEND INBOX {" + big.length() + "}\r\n");
            assertEquals("+ OK", c.readLine());
            c.send(big + "\r\n");
            assertHas(c.readUntilTagged("a2"), "a2 NO \\[OVERQUOTA\\].*");
            assertOk(c.command("SELECT INBOX"));
            assertHas(c.command("COPY 1 INBOX"), "\\S+ NO \\[OVERQUOTA\\].*");
            assertOk(c.command("CREATE Projects"));
            assertHas(c.command("MOVE 1 Projects"), "\\S+ NO \\[OVERQUOTA\\].*");
            assertHas(c.command("STATUS Projects (MESSAGES)"), "\\* STATUS \"Projects\" \\(MESSAGES 0\\)");
            assertHas(c.command("STATUS INBOX (MESSAGES SIZE)"), "\\* STATUS \"INBOX\" \\(MESSAGES 1 SIZE 3000\\)");
            assertEquals("* QUOTA \"\" (STORAGE 3 4)", c.command("GETQUOTA \"\"").get(0));
            String small = sized("small", 1000);
            c.send("a3 APPEND INBOX {" + small.length() + "+}\r\n" + small + "\r\n");
            assertHas(c.readUntilTagged("a3"), "a3 OK \\[APPENDUID .*");
        }
        assertEquals(4000, server.store().quota().usedBytes());
    }

    @Test
    void statusReportsDeletedMessagesTheirStorageAndTheMailboxSize() throws Exception {
        deliver("INBOX", sized("one", 1500));
        deliver("INBOX", sized("two", 700));
        deliver("INBOX", sized("three", 100));
        try (ImapTestClient c = server.loggedIn()) {
            assertHas(c.command("STATUS INBOX (DELETED DELETED-STORAGE SIZE)"),
                    "\\* STATUS \"INBOX\" \\(DELETED 0 DELETED-STORAGE 0 SIZE 2300\\)");
            assertOk(c.command("SELECT INBOX"));
            assertOk(c.command("STORE 1,3 +FLAGS.SILENT (\\Deleted)"));
            assertHas(c.command("STATUS INBOX (MESSAGES DELETED DELETED-STORAGE SIZE)"),
                    "\\* STATUS \"INBOX\" \\(MESSAGES 3 DELETED 2 DELETED-STORAGE 2 SIZE 2300\\)");
            assertHas(c.command("LIST \"\" INBOX RETURN (STATUS (SIZE DELETED))"),
                    "\\* STATUS \"INBOX\" \\(SIZE 2300 DELETED 2\\)");
            assertOk(c.command("EXPUNGE"));
            assertHas(c.command("STATUS INBOX (DELETED DELETED-STORAGE SIZE)"),
                    "\\* STATUS \"INBOX\" \\(DELETED 0 DELETED-STORAGE 0 SIZE 700\\)");
            assertBad(c.command("STATUS INBOX (SIZES)"));
        }
    }
}
