package org.mailstack.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.core.maildir.MaildirStore;
import org.mailstack.core.maildir.StoreOptions;

/** The shared cache of parsed top-level headers that SEARCH uses. */
class HeaderCacheTest {
    @TempDir
    Path dir;

    private static byte[] header(String subject, int padding) {
        return ("Subject: " + subject + "\r\nX-Pad: " + "p".repeat(padding) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void loadsEachHeaderOnceEvictsByBytesAndSkipsHugeOnes() throws Exception {
        try (MaildirStore store = MaildirStore.open(dir, StoreOptions.defaults().withFsync(false).withHostName("t"))) {
            for (int i = 0; i < 3; i++) {
                store.deliver(FolderName.INBOX, new ByteArrayInputStream("Subject: x\r\n\r\nx\r\n".getBytes()));
            }
            MailboxView view = store.openView(FolderName.INBOX, true);
            HeaderCache cache = new HeaderCache(4200);
            AtomicInteger loads = new AtomicInteger();
            for (int round = 0; round < 3; round++) {
                assertEquals("one", cache.get("a", view, 1, () -> {
                    loads.incrementAndGet();
                    return header("one", 100);
                }).get("Subject"));
            }
            assertEquals(1, loads.get(), "parsed once, then served from memory");
            cache.get("a", view, 2, () -> header("two", 1200)); // over the byte budget with uid 1: uid 1 goes
            cache.get("a", view, 1, () -> {
                loads.incrementAndGet();
                return header("one", 100);
            });
            assertEquals(2, loads.get(), "the least recently used entry was evicted");
            for (int round = 0; round < 2; round++) {
                cache.get("a", view, 3, () -> {
                    loads.incrementAndGet();
                    return header("huge", HeaderCache.MAX_CACHED);
                });
            }
            assertEquals(4, loads.get(), "headers over the size limit are never kept");
            cache.get("b", view, 1, () -> {
                loads.incrementAndGet();
                return header("other account", 10);
            });
            assertEquals(5, loads.get(), "keyed by account");
        }
    }
}
