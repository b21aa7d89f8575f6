package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one STORE (plus the sync an IMAP server runs after it) costs in a 100,000-message folder, compared with a
 * 10-message folder: publishing the changed message must not walk every message. Prints the median of the rounds
 * (the first includes opening the folder); the only bound is generous, as the machine may be shared.
 */
class StoreCostTest {
    private static final int ROUNDS = 15;

    @TempDir
    Path root;

    @Test
    void oneStoreInALargeFolderCostsAboutWhatItCostsInASmallOne() throws Exception {
        long small = medianStoreMicros(root.resolve("small"), 10);
        long large = medianStoreMicros(root.resolve("large"), 100_000);
        System.out.printf("STORE + sync, median: 10 messages %d us, 100,000 messages %d us%n", small, large);
        assertTrue(large < 50_000, "one STORE + sync in a 100,000-message folder took " + large + " us");
    }

    private long medianStoreMicros(Path dir, int messages) throws Exception {
        Files.createDirectories(dir);
        try (MaildirStore store = StoreFixture.open(dir)) {
            assertTrue(store.exists(FolderName.INBOX));
        }
        byte[] body = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < messages; i++) {
            Files.write(dir.resolve("cur").resolve(String.format("1700%06d.M0P1Q%dR0.bulk,S=%d:2,", i, i, body.length)),
                    body);
        }
        FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        Files.setLastModifiedTime(dir.resolve("cur"), anHourAgo);
        Files.setLastModifiedTime(dir.resolve("new"), anHourAgo);
        long[] micros = new long[ROUNDS];
        try (MaildirStore store = StoreFixture.open(dir)) {
            MailboxView view = store.openView(FolderName.INBOX, false);
            assertEquals(messages, view.size());
            for (int r = 0; r < ROUNDS; r++) {
                long uid = 1 + r % messages;
                long t = System.nanoTime();
                StoreFlagsResult result = view.storeFlags(List.of(uid), r % 2 == 0 ? FlagOperation.ADD
                        : FlagOperation.REMOVE, Flags.of(SystemFlag.SEEN));
                view.sync();
                micros[r] = (System.nanoTime() - t) / 1000;
                assertEquals(1, result.updated().size());
            }
            MailboxView other = store.openView(FolderName.INBOX, true);
            try (MaildirStore again = StoreFixture.open(dir)) {
                MailboxView fromDisk = again.openView(FolderName.INBOX, true);
                for (int r = 0; r < ROUNDS; r++) {
                    long uid = 1 + r % messages;
                    assertEquals(view.byUid(uid), other.byUid(uid), "patched snapshot, uid " + uid);
                    assertEquals(view.byUid(uid), fromDisk.byUid(uid), "reread list, uid " + uid);
                }
            }
        }
        System.out.println(messages + " messages, STORE + sync us: " + Arrays.toString(micros));
        Arrays.sort(micros);
        return micros[ROUNDS / 2];
    }
}
