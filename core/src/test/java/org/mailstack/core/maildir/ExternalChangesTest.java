package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that another program (mutt over SSH, a script) adds, renames and deletes behind the store's back. */
class ExternalChangesTest {
    @TempDir
    Path root;

    @Test
    void fileDroppedIntoNewByAnotherProgramGetsTheNextUid() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("a"));
            MailboxView v = store.openView(FolderName.INBOX, false);
            Files.writeString(root.resolve("new/1700000000.foreign.host"), "Subject: foreign\r\n\r\nx\r\n");
            SyncResult r = v.sync();
            assertEquals(1, r.added().size());
            assertEquals(2, r.added().get(0).uid());
            assertEquals(Files.size(root.resolve("cur/1700000000.foreign.host:2,")), r.added().get(0).size());
            assertTrue(StoreFixture.read(v, 2).contains("foreign"));
        }
    }

    @Test
    void fileWrittenStraightIntoCurWithFlagsIsPickedUp() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            MailboxView v = store.openView(FolderName.INBOX, false);
            Files.writeString(root.resolve("cur/1700000001.x.host:2,RS"), "Subject: y\r\n\r\n");
            SyncResult r = v.sync();
            assertEquals(Flags.of(SystemFlag.ANSWERED, SystemFlag.SEEN), r.added().get(0).flags());
        }
    }

    @Test
    void flagRenameByAnotherProgramIsReportedWithHigherModSeq() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("a"));
            MailboxView v = store.openView(FolderName.INBOX, false);
            long modSeq = v.get(1).modSeq();
            String name = StoreFixture.files(root.resolve("cur")).get(0);
            Files.move(root.resolve("cur").resolve(name), root.resolve("cur").resolve(name + "FS"));
            SyncResult r = v.sync();
            assertEquals(1, r.flagsChanged().size());
            assertEquals(Flags.of(SystemFlag.FLAGGED, SystemFlag.SEEN), r.flagsChanged().get(0).flags());
            assertTrue(r.flagsChanged().get(0).modSeq() > modSeq);
            assertTrue(StoreFixture.read(v, 1).contains("Subject: a"), "the body is found under its new name");
        }
    }

    @Test
    void renameWhileNoSessionRunsStillGetsANewModSeq() throws Exception {
        long modSeq;
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("a"));
            modSeq = store.openView(FolderName.INBOX, false).get(1).modSeq();
        }
        String name = StoreFixture.files(root.resolve("cur")).get(0);
        Files.move(root.resolve("cur").resolve(name), root.resolve("cur").resolve(name + "T"));
        try (MaildirStore store = StoreFixture.open(root)) {
            MessageInfo m = store.openView(FolderName.INBOX, false).get(1);
            assertTrue(m.flags().contains(SystemFlag.DELETED));
            assertTrue(m.modSeq() > modSeq);
        }
    }

    @Test
    void deletionByAnotherProgramIsAnExpunge() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("a"));
            store.deliver(FolderName.INBOX, StoreFixture.message("b"));
            MailboxView v = store.openView(FolderName.INBOX, false);
            String first = StoreFixture.fileWithSubject(root.resolve("cur"), "a");
            Files.delete(root.resolve("cur").resolve(first));
            SyncResult r = v.sync();
            assertEquals(List.of(1L), r.expungedUids());
            assertEquals(List.of(2L), StoreFixture.uids(v));
            assertEquals(1, store.quota().messageCount());
        }
    }

    @Test
    void storeFollowsAFileRenamedBehindItsBack() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("a"));
            MailboxView v = store.openView(FolderName.INBOX, false);
            String name = StoreFixture.files(root.resolve("cur")).get(0);
            Files.move(root.resolve("cur").resolve(name), root.resolve("cur").resolve(name + "D"));
            StoreFlagsResult r = v.storeFlags(List.of(1L), FlagOperation.ADD, Flags.of(SystemFlag.SEEN));
            assertEquals(Flags.of(SystemFlag.DRAFT, SystemFlag.SEEN), r.updated().get(0).flags());
            assertTrue(StoreFixture.files(root.resolve("cur")).get(0).endsWith(":2,DS"));
        }
    }
}
