package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100,000-message folder. The figures are printed as wall time and this thread's CPU time (the machine may be
 * shared); the only bound is generous, so a busy machine does not fail the test.
 */
class LargeFolderTest {
    private static final int MESSAGES = 100_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @TempDir
    Path root;

    private final List<String> figures = new ArrayList<>();

    private interface Step {
        void run() throws Exception;
    }

    private long measure(String what, Step step) throws Exception {
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        step.run();
        long cpuMs = (THREADS.getCurrentThreadCpuTime() - cpu) / 1_000_000;
        long wallMs = (System.nanoTime() - wall) / 1_000_000;
        figures.add(String.format("%s %d ms (cpu %d ms)", what, wallMs, cpuMs));
        return cpuMs;
    }

    @Test
    void hundredThousandMessagesOpenFast() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            assertTrue(store.exists(FolderName.INBOX));
        }
        byte[] body = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        Path cur = root.resolve("cur");
        for (int i = 0; i < MESSAGES; i++) {
            String flags = i % 3 == 0 ? "S" : i % 7 == 0 ? "FS" : "";
            Files.write(cur.resolve(String.format("1700%06d.M0P1Q%dR0.bulk,S=%d:2,%s", i, i, body.length, flags)), body);
        }
        FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        Files.setLastModifiedTime(cur, anHourAgo);
        Files.setLastModifiedTime(root.resolve("new"), anHourAgo);

        measure("first open (UIDs assigned)", () -> {
            try (MaildirStore store = StoreFixture.open(root)) {
                assertEquals(MESSAGES, store.openView(FolderName.INBOX, false).size());
            }
        });
        Files.setLastModifiedTime(cur, FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));
        measure("reopen after a change (list + directory listing)", () -> {
            try (MaildirStore store = StoreFixture.open(root)) {
                assertEquals(MESSAGES, store.openView(FolderName.INBOX, false).size());
            }
        });
        MaildirStore store = StoreFixture.open(root);
        MailboxView[] view = new MailboxView[1];
        long reopenCpu = measure("reopen (list only)", () -> view[0] = store.openView(FolderName.INBOX, false));
        assertEquals(MESSAGES, view[0].size());
        assertEquals(MESSAGES, view[0].get(MESSAGES).uid());
        measure("idle sync", () -> assertTrue(view[0].sync().isEmpty()));
        measure("STATUS", () -> assertEquals(MESSAGES, store.status(FolderName.INBOX).messages()));
        measure("one STORE", () -> view[0].storeFlags(List.of(5L), FlagOperation.ADD, Flags.of(SystemFlag.ANSWERED)));
        measure("delivery + sync", () -> {
            store.deliver(FolderName.INBOX, StoreFixture.message("one more"));
            assertEquals(1, view[0].sync().added().size());
        });
        store.close();
        System.out.println("100k folder: " + String.join(", ", figures));
        assertTrue(reopenCpu < 10_000, "reopen took " + reopenCpu + " ms of CPU");
    }
}
