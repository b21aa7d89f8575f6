package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UidListPersistenceTest {
    @TempDir
    Path root;

    private record State(long uidValidity, long uidNext, long highestModSeq, List<Long> uids, List<MessageInfo> messages) {
    }

    private State deliverAndSync(int count) throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            for (int i = 0; i < count; i++) {
                store.deliver(FolderName.INBOX, StoreFixture.message("m" + i));
            }
            MailboxView v = store.openView(FolderName.INBOX, false);
            v.storeFlags(List.of(2L), FlagOperation.ADD, Flags.of(List.of(SystemFlag.SEEN), List.of("Work")));
            v.storeFlags(List.of(1L), FlagOperation.ADD, Flags.of(SystemFlag.DELETED));
            v.expunge();
            v.sync();
            return snapshot(v);
        }
    }

    private static State snapshot(MailboxView v) {
        return new State(v.uidValidity(), v.uidNext(), v.highestModSeq(), StoreFixture.uids(v), v.messages());
    }

    /** A fresh store on the same root stands for a restarted process. */
    private State reopen() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            return snapshot(store.openView(FolderName.INBOX, true));
        }
    }

    @Test
    void everythingSurvivesARestart() throws Exception {
        State before = deliverAndSync(3);
        State after = reopen();
        assertEquals(before, after);
        assertEquals(List.of(2L, 3L), after.uids());
        assertTrue(after.messages().get(0).flags().containsKeyword("work"));
    }

    @Test
    void newMessagesAfterRestartContinueFromUidNext() throws Exception {
        State before = deliverAndSync(3);
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("later"));
            MailboxView v = store.openView(FolderName.INBOX, true);
            assertEquals(List.of(2L, 3L, 4L), StoreFixture.uids(v));
            assertEquals(before.uidValidity(), v.uidValidity());
            assertTrue(v.highestModSeq() > before.highestModSeq());
        }
    }

    @Test
    void deletedListIsRebuiltWithNewUidValidity() throws Exception {
        State before = deliverAndSync(3);
        Files.delete(root.resolve(UidListFile.FILE));
        State after = reopen();
        assertNotEquals(before.uidValidity(), after.uidValidity());
        assertTrue(after.uidValidity() > before.uidValidity());
        assertEquals(2, after.uids().size());
        assertEquals(before.messages().get(0).flags(), after.messages().get(0).flags());
        assertEquals(after, reopen(), "the rebuilt list is persisted");
    }

    @Test
    void listDeletedWhileTheStoreRunsIsRewrittenFromMemoryKeepingUidValidity() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("a"));
            MailboxView v = store.openView(FolderName.INBOX, false);
            long validity = v.uidValidity();
            Files.delete(root.resolve(UidListFile.FILE));
            store.deliver(FolderName.INBOX, StoreFixture.message("b"));
            SyncResult r = v.sync();
            assertEquals(validity, v.uidValidity());
            assertEquals(2L, r.added().get(0).uid());
            assertTrue(Files.exists(root.resolve(UidListFile.FILE)));
        }
        assertEquals(List.of(1L, 2L), reopen().uids());
    }

    @Test
    void garbageListIsRebuiltWithNewUidValidity() throws Exception {
        State before = deliverAndSync(3);
        Files.writeString(root.resolve(UidListFile.FILE), "this is not a uid list\n\u0000\u0001");
        State after = reopen();
        assertTrue(after.uidValidity() > before.uidValidity());
        assertEquals(2, after.uids().size());
    }

    @Test
    void damagedRecordKeepsUidValidityAndGivesTheMessageAHigherUid() throws Exception {
        State before = deliverAndSync(3);
        Path list = root.resolve(UidListFile.FILE);
        String content = Files.readString(list);
        String damaged = content.replaceFirst("\\+ 3 (\\d+) ", "+ 3 x$1 ");
        assertNotEquals(content, damaged);
        Files.writeString(list, damaged);
        State after = reopen();
        assertEquals(before.uidValidity(), after.uidValidity());
        assertEquals(2L, after.uids().get(0));
        assertTrue(after.uids().get(1) >= before.uidNext(), "never a UID that may have been given before");
    }

    @Test
    void tornLastLineOfAnInterruptedAppendIsIgnored() throws Exception {
        State before = deliverAndSync(3);
        Files.write(root.resolve(UidListFile.FILE), "* 2 99 c broken-na".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        State after = reopen();
        assertEquals(before.uidValidity(), after.uidValidity());
        assertEquals(before.uids(), after.uids());
        assertEquals(before.highestModSeq(), after.highestModSeq());
    }

    @Test
    void logIsCompactedWhenItGrows() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("a"));
            MailboxView v = store.openView(FolderName.INBOX, false);
            for (int i = 0; i < 600; i++) {
                v.storeFlags(List.of(1L), i % 2 == 0 ? FlagOperation.ADD : FlagOperation.REMOVE, Flags.of(SystemFlag.SEEN));
            }
            long lines = Files.readAllLines(root.resolve(UidListFile.FILE)).size();
            assertTrue(lines < 300, "compacted, " + lines + " lines");
            long modSeq = v.get(1).modSeq();
            assertEquals(modSeq, reopen().messages().get(0).modSeq());
        }
    }

    /**
     * What a crash of the machine may leave: the Maildir as on disk, the UID list without the records from the first
     * one starting with {@code lostFrom} on (written without fsync after the last fsync'd write); the store that wrote
     * it is gone (a copy has no live holder).
     */
    private Path crashImage(Path into, String lostFrom) throws Exception {
        try (var files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = into.resolve(root.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals(FolderLock.FILE)) {
                    Files.copy(p, target);
                }
            }
        }
        Path list = into.resolve(UidListFile.FILE);
        String content = Files.readString(list);
        int cut = content.indexOf("\n" + lostFrom);
        assertTrue(cut > 0 && content.lastIndexOf("\nL ") < cut, "only unsynced records are lost:\n" + content);
        Files.writeString(list, content.substring(0, cut + 1));
        return into;
    }

    /** Three appends, a flag change on message 2; returns the state a client saw, leaves a crash image in each dir. */
    private State crashAfterWork(Path... images) throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            for (int i = 0; i < 3; i++) {
                store.append(FolderName.INBOX, StoreFixture.message("m" + i), Flags.NONE, null);
            }
            MailboxView v = store.openView(FolderName.INBOX, false);
            v.storeFlags(List.of(2L), FlagOperation.ADD, Flags.of(SystemFlag.SEEN));
            v.sync();
            crashImage(images[0], "* 2 ");
            crashImage(images[1], "+ 3 ");
            return snapshot(v);
        }
    }

    @Test
    void afterACrashNoUidOrModSeqAClientSawIsGivenAgain(@TempDir Path lostFlag, @TempDir Path lostMessage)
            throws Exception {
        State before = crashAfterWork(lostFlag, lostMessage);
        try (MaildirStore restarted = StoreFixture.open(lostFlag)) {
            MailboxView v = restarted.openView(FolderName.INBOX, false);
            assertEquals(before.uidValidity(), v.uidValidity());
            assertEquals(before.uids(), StoreFixture.uids(v), "messages whose records survived keep their UIDs");
            for (MessageInfo m : v.messages()) {
                assertTrue(m.modSeq() > before.highestModSeq(), "every message changed after the crash: " + m);
            }
            assertTrue(v.get(2).flags().contains(SystemFlag.SEEN), "the rename itself reached the disk");
            AppendResult next = restarted.append(FolderName.INBOX, StoreFixture.message("after"), Flags.NONE, null);
            assertTrue(next.uid() > UidList.UID_RESERVE, "a new UID starts past the limit: " + next.uid());
        }
        try (MaildirStore restarted = StoreFixture.open(lostMessage)) {
            MailboxView v = restarted.openView(FolderName.INBOX, false);
            assertEquals(List.of(1L, 2L), StoreFixture.uids(v).subList(0, 2));
            long third = StoreFixture.uids(v).get(2);
            assertTrue(third > UidList.UID_RESERVE, "the message whose record was lost is found with a new UID: " + third);
            assertEquals("m2", StoreFixture.read(v, third).lines().filter(l -> l.startsWith("Subject: "))
                    .findFirst().orElseThrow().substring(9));
        }
    }

    @Test
    void aListClosedCleanlyIsTakenAsItIs() throws Exception {
        deliverAndSync(3);
        String content = Files.readString(root.resolve(UidListFile.FILE));
        assertTrue(content.endsWith(UidListFile.closed()), content);
        State after = reopen();
        assertEquals(List.of(2L, 3L), after.uids());
        assertEquals(4L, after.uidNext(), "no jump after a clean stop");
    }

    @Test
    void twoStoresOnOneRootAgreeOnUids() throws Exception {
        try (MaildirStore one = StoreFixture.open(root); MaildirStore two = StoreFixture.open(root)) {
            one.deliver(FolderName.INBOX, StoreFixture.message("a"));
            MailboxView a = one.openView(FolderName.INBOX, false);
            two.deliver(FolderName.INBOX, StoreFixture.message("b"));
            MailboxView b = two.openView(FolderName.INBOX, false);
            one.append(FolderName.INBOX, StoreFixture.message("c"), Flags.NONE, null);
            assertEquals(List.of(1L, 2L), StoreFixture.uids(b));
            b.sync();
            a.sync();
            assertEquals(StoreFixture.uids(a), StoreFixture.uids(b));
            assertEquals(List.of(1L, 2L, 3L), StoreFixture.uids(a));
        }
    }
}
