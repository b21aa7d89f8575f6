package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryTest {
    @TempDir
    Path root;

    /** Produces {@code size} bytes without holding them, then fails or ends. */
    private static InputStream stream(long size, boolean failAtEnd) {
        return new InputStream() {
            long left = size;

            @Override
            public int read() throws IOException {
                if (left == 0) {
                    if (failAtEnd) {
                        throw new IOException("connection reset");
                    }
                    return -1;
                }
                left--;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left == 0) {
                    return read();
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
    }

    @Test
    void deliveredFileIsInNewWithItsSizeInTheName() throws Exception {
        try (MaildirStore store = MaildirStore.open(root, StoreFixture.options().withFsync(true))) {
            DeliveryResult r = store.deliver(FolderName.INBOX, stream(3_000_000, false));
            assertEquals(3_000_000, r.size());
            assertEquals(List.of(r.fileName()), StoreFixture.files(root.resolve("new")));
            assertTrue(r.fileName().endsWith(",S=3000000"));
            assertEquals(3_000_000, Files.size(root.resolve("new").resolve(r.fileName())));
            assertTrue(StoreFixture.files(root.resolve("tmp")).isEmpty());
        }
    }

    @Test
    void failedStreamLeavesNothingAnywhere() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            assertThrows(IOException.class, () -> store.deliver(FolderName.INBOX, stream(100_000, true)));
            assertThrows(IOException.class, () -> store.append(FolderName.INBOX, stream(10, true), Flags.NONE, null));
            assertTrue(StoreFixture.files(root.resolve("new")).isEmpty());
            assertTrue(StoreFixture.files(root.resolve("cur")).isEmpty());
            assertTrue(StoreFixture.files(root.resolve("tmp")).isEmpty());
            assertEquals(0, store.quota().usedBytes());
        }
    }

    @Test
    void oldTmpLeftoversAreCleanedAtOpenRecentOnesKept() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            assertTrue(store.exists(FolderName.of("Sent")));
        }
        Path old = root.resolve(".Sent/tmp/1.crashed.host");
        Path fresh = root.resolve("tmp/2.in-progress.host");
        Files.writeString(old, "partial");
        Files.writeString(fresh, "partial");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(37))));
        try (MaildirStore store = StoreFixture.open(root)) {
            assertTrue(Files.notExists(old));
            assertTrue(Files.exists(fresh));
        }
    }

    @Test
    void theOnlyWriterMayCleanAllOfTmpAtStart() throws Exception {
        StoreFixture.open(root).close();
        Path fresh = root.resolve("tmp/2.killed-mid-delivery.host");
        Files.writeString(fresh, "partial");
        try (MaildirStore store = MaildirStore.open(root, StoreFixture.options().withTmpMaxAge(Duration.ZERO))) {
            assertTrue(Files.notExists(fresh));
            assertEquals(0, store.status(FolderName.INBOX).messages());
        }
    }

    @Test
    void concurrentDeliveriesAllLandOnceWithDistinctUids() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            MailboxView view = store.openView(FolderName.INBOX, false);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 50; i++) {
                        try {
                            store.deliver(FolderName.INBOX, StoreFixture.message(id + "-" + i));
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            MailboxView other = store.openView(FolderName.INBOX, false);
            for (int i = 0; i < 20; i++) {
                other.sync();
            }
            for (Thread t : threads) {
                t.join(60_000);
            }
            view.sync();
            other.sync();
            assertEquals(200, view.size());
            assertEquals(StoreFixture.uids(view), StoreFixture.uids(other));
            assertEquals(200L, view.messages().get(199).uid());
        }
    }
}
