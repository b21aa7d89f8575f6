package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A message received chunk by chunk into tmp/ (streamed IMAP APPEND), then stored or discarded. */
class IncomingMessageTest {
    @TempDir
    Path root;

    private static final byte[] MESSAGE =
            "Subject: big\r\n\r\nline one\r\nline two\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void chunksBecomeOneStoredMessageWithFlagsAndDate() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.createFolder(FolderName.of("Work"));
            Instant date = Instant.parse("2024-03-01T12:00:00Z");
            AppendResult r;
            try (IncomingMessage in = store.receive()) {
                for (int i = 0; i < MESSAGE.length; i += 5) {
                    in.write(MESSAGE, i, Math.min(5, MESSAGE.length - i));
                }
                assertEquals(MESSAGE.length, in.size());
                assertEquals(1, StoreFixture.files(root.resolve("tmp")).size(), "written to tmp/ as it arrives");
                r = in.appendTo(FolderName.of("Work"), Flags.of(SystemFlag.SEEN), date);
            }
            MailboxView v = store.openView(FolderName.of("Work"), true);
            assertEquals(List.of(r.uid()), StoreFixture.uids(v));
            assertEquals(new String(MESSAGE, StandardCharsets.US_ASCII), StoreFixture.read(v, r.uid()));
            assertTrue(v.get(1).flags().contains(SystemFlag.SEEN));
            assertEquals(date, v.get(1).internalDate());
            assertTrue(StoreFixture.files(root.resolve("tmp")).isEmpty());
            assertEquals(MESSAGE.length, store.quota().usedBytes());
        }
    }

    @Test
    void closingWithoutStoringLeavesNothing() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            try (IncomingMessage in = store.receive()) {
                in.write(MESSAGE, 0, 10);
            }
            assertTrue(StoreFixture.files(root.resolve("tmp")).isEmpty());
            assertEquals(0, store.openView(FolderName.INBOX, true).size());
        }
    }

    @Test
    void unknownFolderOrQuotaFailLeavingNothing() throws Exception {
        try (MaildirStore store = MaildirStore.open(root, StoreFixture.options().withQuotaBytes(20))) {
            try (IncomingMessage in = store.receive()) {
                in.write(MESSAGE, 0, 10);
                assertThrows(FolderNotFoundException.class, () -> in.appendTo(FolderName.of("Nope"), Flags.NONE, null));
            }
            assertTrue(StoreFixture.files(root.resolve("tmp")).isEmpty());
            try (IncomingMessage in = store.receive()) {
                in.write(MESSAGE, 0, 10);
                assertThrows(QuotaExceededException.class, () -> in.write(MESSAGE, 10, 20));
                assertTrue(StoreFixture.files(root.resolve("tmp")).isEmpty(), "removed at once");
            }
            assertEquals(0, store.quota().usedBytes());
        }
    }
}
