package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stores on one root stand for two processes: each keeps its own UID list in memory and must pick up the other's
 * appended records from the file (in one JVM they share the folder lock by path, so the fcntl lock itself is not
 * what this exercises). Appends, deliveries, flag changes and syncs run at once; every message ends with one UID.
 */
class ConcurrentStoresTest {
    @TempDir
    Path root;

    @Test
    void appendsFromTwoStoresNeverShareAUid() throws Exception {
        try (MaildirStore one = StoreFixture.open(root); MaildirStore two = StoreFixture.open(root)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<List<Long>>> appended = new ArrayList<>();
            try {
                for (MaildirStore store : List.of(one, two)) {
                    appended.add(pool.submit(() -> {
                        List<Long> uids = new ArrayList<>();
                        for (int i = 0; i < 40; i++) {
                            uids.add(store.append(FolderName.INBOX, StoreFixture.message("a" + i), Flags.NONE, null).uid());
                        }
                        return uids;
                    }));
                    pool.submit(() -> {
                        MailboxView v = store.openView(FolderName.INBOX, false);
                        for (int i = 0; i < 40; i++) {
                            store.deliver(FolderName.INBOX, StoreFixture.message("d" + i));
                            v.sync();
                            if (v.size() > 0) {
                                v.storeFlags(List.of(v.get(v.size()).uid()), FlagOperation.ADD, Flags.of(SystemFlag.SEEN));
                            }
                        }
                        return null;
                    });
                }
                Set<Long> all = new HashSet<>();
                for (Future<List<Long>> f : appended) {
                    for (long uid : f.get(120, TimeUnit.SECONDS)) {
                        assertTrue(all.add(uid), "UID " + uid + " given twice");
                    }
                }
            } finally {
                pool.shutdown();
                assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS));
            }
            MailboxView a = one.openView(FolderName.INBOX, true);
            MailboxView b = two.openView(FolderName.INBOX, true);
            assertEquals(160, a.size());
            assertEquals(StoreFixture.uids(a), StoreFixture.uids(b));
            assertEquals(a.messages(), b.messages());
        }
        try (MaildirStore restarted = StoreFixture.open(root)) {
            assertEquals(160, restarted.status(FolderName.INBOX).messages());
        }
    }
}
