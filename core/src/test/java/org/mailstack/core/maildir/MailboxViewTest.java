package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailboxViewTest {
    @TempDir
    Path root;

    @Test
    void deliveredMessagesGetAscendingUidsAndAreReadable() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("one"));
            store.deliver(FolderName.INBOX, StoreFixture.message("two"));
            MailboxView view = store.openView(FolderName.INBOX, false);
            assertEquals(List.of(1L, 2L), StoreFixture.uids(view));
            assertTrue(StoreFixture.read(view, 1).contains("Subject: one"));
            assertTrue(StoreFixture.read(view, 2).contains("Subject: two"));
            assertEquals(view.messages().get(0).size(), StoreFixture.read(view, 1).length());
            assertTrue(view.isRecent(1) && view.isRecent(2));
            assertEquals(3, view.uidNext());
            assertTrue(StoreFixture.files(root.resolve("new")).isEmpty(), "seen messages move to cur/");
        }
    }

    @Test
    void syncReportsNewExpungedAndChangedMessagesOfOtherSessions() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            for (int i = 0; i < 3; i++) {
                store.deliver(FolderName.INBOX, StoreFixture.message("m" + i));
            }
            MailboxView a = store.openView(FolderName.INBOX, false);
            MailboxView b = store.openView(FolderName.INBOX, false);
            b.storeFlags(List.of(2L), FlagOperation.ADD, Flags.of(SystemFlag.SEEN));
            b.storeFlags(List.of(1L, 3L), FlagOperation.ADD, Flags.of(SystemFlag.DELETED));
            assertEquals(List.of(1L, 3L), b.expunge());
            store.deliver(FolderName.INBOX, StoreFixture.message("m3"));

            SyncResult r = a.sync();
            assertEquals(List.of(1L, 3L), r.expungedUids());
            assertEquals(List.of(3, 1), r.expungedSequenceNumbers());
            assertEquals(1, r.added().size());
            assertEquals(4, r.added().get(0).uid());
            assertEquals(1, r.flagsChanged().size());
            assertTrue(r.flagsChanged().get(0).flags().contains(SystemFlag.SEEN));
            assertEquals(2, r.exists());
            assertEquals(List.of(2L, 4L), StoreFixture.uids(a));
            assertTrue(a.sync().isEmpty());
        }
    }

    @Test
    void recentIsClaimedByOneReadWriteViewOnly() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("x"));
            MailboxView examine = store.openView(FolderName.INBOX, true);
            MailboxView first = store.openView(FolderName.INBOX, false);
            MailboxView second = store.openView(FolderName.INBOX, false);
            assertEquals(1, examine.recentCount(), "unclaimed when EXAMINE opened it");
            assertEquals(1, first.recentCount(), "EXAMINE claimed nothing");
            assertEquals(0, second.recentCount());
            store.deliver(FolderName.INBOX, StoreFixture.message("y"));
            assertEquals(0, second.sync().recent() - 1, "second claims the new one");
            assertEquals(1, first.sync().recent());
            assertEquals(1, examine.sync().recent(), "y was claimed before EXAMINE saw it; x stays \\Recent");
        }
    }

    @Test
    void ownFlagChangesAreReturnedNotReportedAgainAndBumpModSeq() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("x"));
            MailboxView view = store.openView(FolderName.INBOX, false);
            long before = view.get(1).modSeq();
            StoreFlagsResult r = view.storeFlags(List.of(1L, 99L), FlagOperation.ADD,
                    Flags.of(List.of(SystemFlag.FLAGGED), List.of("$Forwarded")));
            assertEquals(1, r.updated().size());
            MessageInfo m = r.updated().get(0);
            assertTrue(m.flags().contains(SystemFlag.FLAGGED));
            assertTrue(m.flags().containsKeyword("$forwarded"));
            assertTrue(m.modSeq() > before);
            assertEquals(m, view.get(1));
            assertTrue(view.sync().isEmpty());
            assertTrue(view.keywords().contains("$Forwarded"));
            String name = StoreFixture.files(root.resolve("cur")).get(0);
            assertTrue(name.endsWith(":2,Fa"), name);
        }
    }

    @Test
    void unchangedSinceRefusesMessagesModifiedLater() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("x"));
            store.deliver(FolderName.INBOX, StoreFixture.message("y"));
            MailboxView view = store.openView(FolderName.INBOX, false);
            long old = view.highestModSeq();
            view.storeFlags(List.of(1L), FlagOperation.ADD, Flags.of(SystemFlag.SEEN));
            StoreFlagsResult r = view.storeFlags(List.of(1L, 2L), FlagOperation.ADD, Flags.of(SystemFlag.FLAGGED), old);
            assertEquals(List.of(1L), r.modified());
            assertEquals(List.of(2L), r.updated().stream().map(MessageInfo::uid).toList());
        }
    }

    @Test
    void appendCopyAndMoveReturnUidPlusData() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            FolderName archive = FolderName.of("Archive");
            Instant date = Instant.parse("2020-01-02T03:04:05Z");
            AppendResult a = store.append(FolderName.INBOX, StoreFixture.message("appended"),
                    Flags.of(SystemFlag.SEEN), date);
            assertEquals(1, a.uid());
            MailboxView inbox = store.openView(FolderName.INBOX, false);
            assertEquals(a.uidValidity(), inbox.uidValidity());
            assertEquals(date, inbox.get(1).internalDate());
            assertTrue(inbox.get(1).flags().contains(SystemFlag.SEEN));
            assertFalse(inbox.isRecent(1) && false);

            CopyResult c = inbox.copy(List.of(1L), archive);
            assertEquals(List.of(1L), c.sourceUids());
            assertEquals(List.of(1L), c.targetUids());
            CopyResult m = inbox.move(List.of(1L), archive);
            assertEquals(List.of(2L), m.targetUids());
            assertEquals(List.of(1L), inbox.sync().expungedUids());

            MailboxView view = store.openView(archive, false);
            assertEquals(List.of(1L, 2L), StoreFixture.uids(view));
            assertEquals(date, view.get(2).internalDate());
            assertTrue(view.get(2).flags().contains(SystemFlag.SEEN));
            assertTrue(StoreFixture.read(view, 2).contains("appended"));
        }
    }

    @Test
    void statusCountsWithoutAView() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("a"));
            store.append(FolderName.INBOX, StoreFixture.message("b"), Flags.of(SystemFlag.SEEN), null);
            FolderStatus s = store.status(FolderName.INBOX);
            assertEquals(2, s.messages());
            assertEquals(1, s.unseen());
            assertEquals(2, s.recent());
            assertEquals(3, s.uidNext());
            store.openView(FolderName.INBOX, false);
            assertEquals(0, store.status(FolderName.INBOX).recent());
        }
    }

    @Test
    void openBodyOfExpungedMessageFails() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("a"));
            MailboxView a = store.openView(FolderName.INBOX, false);
            MailboxView b = store.openView(FolderName.INBOX, false);
            b.storeFlags(List.of(1L), FlagOperation.ADD, Flags.of(SystemFlag.DELETED));
            b.expunge();
            assertThrows(MessageGoneException.class, () -> a.openBody(1));
            assertEquals(1, a.size(), "the view keeps the message until it syncs");
        }
    }

    @Test
    void anOpenFileStaysReadableAfterAnotherViewExpungesTheMessage() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("a"));
            MailboxView a = store.openView(FolderName.INBOX, false);
            MailboxView b = store.openView(FolderName.INBOX, false);
            String whole = StoreFixture.read(a, 1);
            b.storeFlags(List.of(1L), FlagOperation.ADD, Flags.of(SystemFlag.FLAGGED)); // renamed
            try (FileChannel file = a.openFile(1)) {
                b.storeFlags(List.of(1L), FlagOperation.ADD, Flags.of(SystemFlag.DELETED));
                b.expunge();
                assertThrows(MessageGoneException.class, () -> a.openFile(1));
                ByteBuffer buf = ByteBuffer.allocate(whole.length() + 10);
                assertEquals(whole.length(), file.read(buf, 0));
                assertEquals(whole, new String(buf.array(), 0, whole.length(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void readOnlyViewRefusesChanges() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("a"));
            MailboxView v = store.openView(FolderName.INBOX, true);
            assertThrows(StoreException.class, () -> v.storeFlags(List.of(1L), FlagOperation.ADD, Flags.of(SystemFlag.SEEN)));
            assertThrows(StoreException.class, v::expunge);
        }
    }

    @Test
    void listenersHearChangesMadeInThisJvm() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            AtomicInteger calls = new AtomicInteger();
            AutoCloseable handle = store.addListener(FolderName.INBOX, calls::incrementAndGet);
            store.deliver(FolderName.INBOX, StoreFixture.message("a"));
            assertEquals(1, calls.get());
            handle.close();
            store.deliver(FolderName.INBOX, StoreFixture.message("b"));
            assertEquals(1, calls.get());
        }
    }
}
