package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    private static IncomingMessage received(MaildirStore store, String text) throws Exception {
        IncomingMessage in = store.receive();
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        in.write(b, 0, b.length);
        in.complete();
        return in;
    }

    @Test
    void appendAllStoresEveryMessageWithConsecutiveUidsAndReadsBackCompleteOnes() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.createFolder(FolderName.of("Work"));
            deliverOne(store);
            IncomingMessage a = received(store, "Subject: a\r\n\r\none\r\n");
            IncomingMessage b = received(store, "Subject: b\r\n\r\ntwo\r\n");
            try (InputStream back = a.openReceived()) {
                assertEquals("Subject: a\r\n\r\none\r\n", new String(back.readAllBytes(), StandardCharsets.US_ASCII));
            }
            Instant date = Instant.parse("2024-03-01T12:00:00Z");
            List<AppendResult> r = store.appendAll(FolderName.of("Work"), List.of(
                    new AppendItem(a, Flags.of(SystemFlag.SEEN), date), new AppendItem(b, Flags.NONE, null)));
            assertEquals(2, r.size());
            assertEquals(r.get(0).uid() + 1, r.get(1).uid());
            MailboxView v = store.openView(FolderName.of("Work"), true);
            assertEquals(List.of(r.get(0).uid(), r.get(1).uid()), StoreFixture.uids(v));
            assertEquals("Subject: b\r\n\r\ntwo\r\n", StoreFixture.read(v, r.get(1).uid()));
            assertEquals(date, v.get(1).internalDate());
            assertTrue(StoreFixture.files(root.resolve("tmp")).isEmpty());
        }
    }

    private static void deliverOne(MaildirStore store) throws Exception {
        store.deliver(FolderName.INBOX, StoreFixture.message("x"));
    }

    @Test
    void appendAllPlacesNoneWhenOneCannotBePlaced() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            IncomingMessage a = received(store, "Subject: a\r\n\r\none\r\n");
            IncomingMessage b = received(store, "Subject: b\r\n\r\ntwo\r\n");
            IncomingMessage c = received(store, "Subject: c\r\n\r\nthree\r\n");
            long before = store.openView(FolderName.INBOX, true).uidNext();
            // the middle one's file disappears from tmp/ before it is placed
            String bName = null;
            for (String f : StoreFixture.files(root.resolve("tmp"))) {
                if (Files.readString(root.resolve("tmp").resolve(f)).contains("two")) {
                    bName = f;
                }
            }
            Files.delete(root.resolve("tmp").resolve(bName));
            assertThrows(StoreException.class, () -> store.appendAll(FolderName.INBOX, List.of(
                    new AppendItem(a, Flags.NONE, null), new AppendItem(b, Flags.NONE, null),
                    new AppendItem(c, Flags.NONE, null))));
            MailboxView v = store.openView(FolderName.INBOX, true);
            assertEquals(0, v.size());
            assertEquals(before, v.uidNext(), "no UID was given");
            assertTrue(StoreFixture.files(root.resolve("cur")).isEmpty(), "the first one was removed again");
            assertTrue(StoreFixture.files(root.resolve("tmp")).isEmpty());
            assertEquals(0, store.quota().usedBytes());
        }
    }

    @Test
    void appendAllChecksTheQuotaForTheSum() throws Exception {
        try (MaildirStore store = MaildirStore.open(root, StoreFixture.options().withQuotaBytes(30))) {
            IncomingMessage a = received(store, "Subject: a\r\n\r\none\r\n");
            IncomingMessage b = received(store, "Subject: b\r\n\r\ntwo\r\n");
            assertThrows(QuotaExceededException.class, () -> store.appendAll(FolderName.INBOX, List.of(
                    new AppendItem(a, Flags.NONE, null), new AppendItem(b, Flags.NONE, null))));
            assertEquals(0, store.openView(FolderName.INBOX, true).size());
            assertTrue(StoreFixture.files(root.resolve("tmp")).isEmpty());
        }
    }
}
