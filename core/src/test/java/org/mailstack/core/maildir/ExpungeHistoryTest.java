package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The expunge history QRESYNC needs (RFC 7162 section 3.2): kept across compaction and restarts, bounded. */
class ExpungeHistoryTest {
    @TempDir
    Path root;

    private long[] expungeTwoOfFour(MaildirStore store) throws Exception {
        for (int i = 0; i < 4; i++) {
            store.deliver(FolderName.INBOX, StoreFixture.message("m" + i));
        }
        MailboxView v = store.openView(FolderName.INBOX, false);
        long before = v.highestModSeq();
        v.storeFlags(List.of(2L, 4L), FlagOperation.ADD, Flags.of(SystemFlag.DELETED));
        long flagged = v.sync().exists() > 0 ? v.highestModSeq() : -1;
        v.expunge();
        v.sync();
        return new long[] {before, flagged, v.highestModSeq()};
    }

    @Test
    void expungedUidsAreReportedSinceAModSeq() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            long[] m = expungeTwoOfFour(store);
            MailboxView v = store.openView(FolderName.INBOX, true);
            assertArrayEquals(new long[] {2, 4}, v.expungedSince(m[0]).orElseThrow());
            assertArrayEquals(new long[] {2, 4}, v.expungedSince(m[1]).orElseThrow());
            assertArrayEquals(new long[] {4}, v.expungedSince(m[2] - 1).orElseThrow());
            assertArrayEquals(new long[0], v.expungedSince(m[2]).orElseThrow());
        }
    }

    @Test
    void historySurvivesRestartAndCompaction() throws Exception {
        long[] m;
        try (MaildirStore store = StoreFixture.open(root)) {
            m = expungeTwoOfFour(store);
        }
        Path file = root.resolve(UidListFile.FILE);
        try (MaildirStore store = StoreFixture.open(root)) {
            MailboxView v = store.openView(FolderName.INBOX, false);
            for (int i = 0; i < 600; i++) { // forces compaction
                v.storeFlags(List.of(1L), i % 2 == 0 ? FlagOperation.ADD : FlagOperation.REMOVE,
                        Flags.of(SystemFlag.SEEN));
            }
            assertTrue(Files.readString(file).contains("\nH 1 0\n"), "history floor written at compaction");
        }
        try (MaildirStore store = StoreFixture.open(root)) {
            MailboxView v = store.openView(FolderName.INBOX, true);
            assertArrayEquals(new long[] {2, 4}, v.expungedSince(m[0]).orElseThrow());
            assertEquals(List.of(1L, 3L), StoreFixture.uids(v));
        }
        assertFalse(Files.readString(file).lines().anyMatch(l -> l.startsWith("+ 2 ")));
    }

    @Test
    void listWrittenBeforeHistoriesKnowsOnlyWhatFollowsItsHeader() throws Exception {
        try (MaildirStore store = storeWith("a", "b")) {
            store.openView(FolderName.INBOX, true).close();
        }
        Path file = root.resolve(UidListFile.FILE);
        String old = Files.readString(file).lines().filter(l -> !l.startsWith("H ") && !l.startsWith("- "))
                .reduce("", (a, l) -> a + l + "\n");
        Files.writeString(file, old);
        long headerModSeq = Long.parseLong(old.replaceAll("(?s)^\\S+ 1 V\\d+ N\\d+ M(\\d+).*", "$1"));
        try (MaildirStore store = StoreFixture.open(root)) {
            MailboxView v = store.openView(FolderName.INBOX, false);
            long validity = v.uidValidity();
            deleteFirst(v);
            v.sync();
            assertTrue(v.expungedSince(headerModSeq - 1).isEmpty(), "older expunges are unknown");
            assertArrayEquals(new long[] {1}, v.expungedSince(headerModSeq).orElseThrow());
            assertEquals(validity, store.openView(FolderName.INBOX, true).uidValidity());
        }
    }

    @Test
    void historyIsBoundedAndRaisesItsFloor() {
        ExpungeHistory h = new ExpungeHistory(0);
        for (int i = 1; i <= ExpungeHistory.CAPACITY + 5; i++) {
            h.add(i, 100 + i);
        }
        assertEquals(ExpungeHistory.CAPACITY, h.size());
        assertEquals(105, h.floor());
        assertNull(h.since(104));
        assertArrayEquals(new long[] {ExpungeHistory.CAPACITY + 5}, h.since(100 + ExpungeHistory.CAPACITY + 4));
        assertEquals(ExpungeHistory.CAPACITY, h.since(105).length);
    }

    @Test
    void viewLeavesOutUidsItStillShows() throws Exception {
        try (MaildirStore store = storeWith("a")) {
            MailboxView old = store.openView(FolderName.INBOX, true);
            long before = old.highestModSeq();
            deleteFirst(store.openView(FolderName.INBOX, false));
            assertArrayEquals(new long[0], old.expungedSince(before).orElseThrow(), "reported by its next sync");
            old.sync();
            assertArrayEquals(new long[] {1}, old.expungedSince(before).orElseThrow());
        }
    }

    private MaildirStore storeWith(String... subjects) throws Exception {
        MaildirStore store = StoreFixture.open(root);
        for (String subject : subjects) {
            store.deliver(FolderName.INBOX, StoreFixture.message(subject));
        }
        return store;
    }

    private static void deleteFirst(MailboxView v) throws Exception {
        v.storeFlags(List.of(1L), FlagOperation.ADD, Flags.of(SystemFlag.DELETED));
        v.expunge();
    }
}
