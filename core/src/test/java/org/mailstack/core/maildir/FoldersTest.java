package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldersTest {
    @TempDir
    Path root;

    private static List<String> names(MaildirStore store) throws Exception {
        return store.listFolders().stream().map(f -> f.name().name()).toList();
    }

    @Test
    void specialUseFoldersExistFromTheFirstOpen() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            assertEquals(List.of("INBOX", "Archive", "Drafts", "Junk", "Sent", "Trash"), names(store));
            for (FolderInfo f : store.listFolders().subList(1, 6)) {
                assertTrue(f.specialUse().isPresent(), f.name().name());
                assertTrue(f.subscribed());
            }
            assertEquals(Optional.of(SpecialUse.SENT), store.specialUse(FolderName.of("Sent")));
            assertEquals("\\Sent", SpecialUse.SENT.attribute());
            assertTrue(Files.isDirectory(root.resolve(".Sent/cur")));
            assertTrue(Files.isDirectory(root.resolve("tmp")));
        }
    }

    @Test
    void createDeleteAndRefuseDuplicates() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            FolderName f = FolderName.of("Lists/java");
            store.createFolder(f);
            assertTrue(Files.isDirectory(root.resolve(".Lists.java/new")));
            assertThrows(FolderExistsException.class, () -> store.createFolder(f));
            assertThrows(FolderExistsException.class, () -> store.createFolder(FolderName.INBOX));
            store.deliver(f, StoreFixture.message("x"));
            MailboxView v = store.openView(f, false);
            store.deleteFolder(f);
            assertFalse(store.exists(f));
            assertThrows(FolderNotFoundException.class, v::sync);
            assertThrows(FolderNotFoundException.class, () -> store.deleteFolder(f));
            assertThrows(StoreException.class, () -> store.deleteFolder(FolderName.INBOX));
            assertThrows(FolderNotFoundException.class, () -> store.deliver(f, StoreFixture.message("y")));
        }
    }

    @Test
    void recreatedFolderHasAHigherUidValidity() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            FolderName f = FolderName.of("Once");
            store.createFolder(f);
            long first = store.status(f).uidValidity();
            store.deleteFolder(f);
            store.createFolder(f);
            assertTrue(store.status(f).uidValidity() > first);
        }
    }

    @Test
    void renameMovesChildrenAndKeepsUids() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.createFolder(FolderName.of("a"));
            store.createFolder(FolderName.of("a/b"));
            store.createFolder(FolderName.of("ab"));
            store.deliver(FolderName.of("a/b"), StoreFixture.message("x"));
            FolderStatus before = store.status(FolderName.of("a/b"));
            store.renameFolder(FolderName.of("a"), FolderName.of("z/y"));
            assertTrue(names(store).containsAll(List.of("z/y", "z/y/b", "ab")));
            assertFalse(names(store).contains("a"));
            FolderStatus after = store.status(FolderName.of("z/y/b"));
            assertEquals(before.uidValidity(), after.uidValidity());
            assertEquals(1, after.messages());
            assertThrows(FolderExistsException.class, () -> store.renameFolder(FolderName.of("ab"), FolderName.of("z/y")));
            assertThrows(StoreException.class, () -> store.renameFolder(FolderName.INBOX, FolderName.of("old")));
            assertThrows(StoreException.class, () -> store.renameFolder(FolderName.of("ab"), FolderName.of("ab/c")));
        }
    }

    @Test
    void inboxRenameIsCreatePlusMoveAll() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("1"));
            store.deliver(FolderName.INBOX, StoreFixture.message("2"));
            MailboxView inbox = store.openView(FolderName.INBOX, false);
            inbox.storeFlags(List.of(2L), FlagOperation.ADD, Flags.of(SystemFlag.FLAGGED));
            FolderName old = FolderName.of("Old INBOX");
            store.createFolder(old);
            assertEquals(2, store.moveAllMessages(FolderName.INBOX, old));
            assertEquals(0, store.status(FolderName.INBOX).messages());
            MailboxView moved = store.openView(old, true);
            assertEquals(2, moved.size());
            assertTrue(moved.get(2).flags().contains(SystemFlag.FLAGGED));
        }
    }

    @Test
    void subscriptionsPersistAndNeedNoFolder() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.subscribe(FolderName.of("Not/There"));
            store.unsubscribe(FolderName.of("Junk"));
        }
        try (MaildirStore store = StoreFixture.open(root)) {
            Set<FolderName> subs = store.subscriptions();
            assertTrue(subs.contains(FolderName.of("Not/There")));
            assertFalse(subs.contains(FolderName.of("Junk")));
            assertTrue(subs.contains(FolderName.of("Sent")));
        }
    }

    @Test
    void foreignDirectoriesAreNotFolders() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            Files.createDirectories(root.resolve(".no-cur-inside"));
            Files.createDirectories(root.resolve("..deleted-x/cur"));
            Files.createDirectories(root.resolve("plain/cur"));
            assertEquals(6, store.listFolders().size());
        }
    }
}
