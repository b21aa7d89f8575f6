package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;

/**
 * Scale: opening a folder of many messages and fetching one of them stay cheap (the figures are printed; the bounds
 * are loose so that a loaded machine does not fail the build, but an O(n) per-message cost would).
 */
class LargeFolderTest extends ConversationTest {
    private static final int MESSAGES = 5_000;

    @Test
    void selectAndFetchOneInALargeFolder() throws Exception {
        server.store().createFolder(FolderName.of("big"));
        byte[] small = message("m", "body").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < MESSAGES; i++) {
            server.store().deliver(FolderName.of("big"), new ByteArrayInputStream(small));
        }
        deliver("INBOX", message("small", "body"));
        try (ImapTestClient c = server.loggedIn()) {
            long smallFetch = timeFetch(c, "INBOX", "1");
            long t0 = System.nanoTime();
            List<String> select = c.command("SELECT big");
            long firstSelectMillis = (System.nanoTime() - t0) / 1_000_000;
            assertHas(select, "\\* " + MESSAGES + " EXISTS");
            c.command("UNSELECT");
            t0 = System.nanoTime();
            c.command("SELECT big");
            long selectMillis = (System.nanoTime() - t0) / 1_000_000;
            c.command("FETCH 1 FLAGS");
            long bigFetch = timeFetch(c, "big", "4321");
            System.out.printf("SELECT of %d new messages: %d ms, again: %d ms; FETCH one: %.2f ms (folder of 1: %.2f ms)%n",
                    MESSAGES, firstSelectMillis, selectMillis, bigFetch / 1e6, smallFetch / 1e6);
            assertTrue(selectMillis < 5_000, "SELECT took " + selectMillis + " ms");
            assertTrue(bigFetch < 200_000_000L, "FETCH took " + bigFetch / 1_000_000 + " ms");
        }
    }

    private static long timeFetch(ImapTestClient c, String folder, String seq) throws Exception {
        assertOk(c.command("EXAMINE " + folder));
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            long t = System.nanoTime();
            assertOk(c.command("FETCH " + seq + " (FLAGS ENVELOPE BODY.PEEK[])"));
            best = Math.min(best, System.nanoTime() - t);
        }
        return best;
    }
}
