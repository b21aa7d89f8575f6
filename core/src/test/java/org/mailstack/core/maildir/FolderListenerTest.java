package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listeners told of every folder's changes, the folder list and the subscriptions (IMAP NOTIFY uses them). */
class FolderListenerTest {
    @TempDir
    Path root;

    @Test
    void changesToMessagesFoldersAndSubscriptionsAreTold() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (MaildirStore store = StoreFixture.open(root)) {
            store.createFolder(FolderName.of("A"));
            store.createFolder(FolderName.of("A/b"));
            AutoCloseable handle = store.addFolderListener(new FolderListener() {
                @Override
                public void messagesChanged(FolderName folder) {
                    seen.add("messages " + folder);
                }

                @Override
                public void renaming(FolderName from, FolderName to) {
                    // told before the list changes
                    seen.add("renaming " + from + " " + to + " " + store.exists(from) + " " + store.exists(to));
                }

                @Override
                public void foldersChanged() {
                    seen.add("folders");
                }
            });
            store.deliver(FolderName.of("A"), StoreFixture.message("x"));
            assertTrue(seen.contains("messages A"), seen::toString);
            seen.clear();
            store.createFolder(FolderName.of("C"));
            assertEquals(List.of("folders"), seen);
            seen.clear();
            store.renameFolder(FolderName.of("A"), FolderName.of("D"));
            assertTrue(seen.contains("renaming A D true false"), seen::toString);
            assertTrue(seen.contains("renaming A/b D/b true false"), seen::toString);
            assertEquals("folders", seen.get(seen.size() - 1));
            seen.clear();
            store.subscribe(FolderName.of("C"));
            store.unsubscribe(FolderName.of("C"));
            assertEquals(List.of("folders", "folders"), seen);
            seen.clear();
            store.deleteFolder(FolderName.of("C"));
            assertEquals(List.of("messages C", "folders"), seen);
            handle.close();
            seen.clear();
            store.createFolder(FolderName.of("E"));
            assertFalse(seen.contains("folders"), "told after the handle was closed");
        }
    }
}
