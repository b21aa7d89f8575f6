package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotaTest {
    @TempDir
    Path root;

    private MaildirStore open(long limit) throws Exception {
        return MaildirStore.open(root, StoreFixture.options().withQuotaBytes(limit));
    }

    private static ByteArrayInputStream bytes(int n) {
        return new ByteArrayInputStream(new byte[n]);
    }

    @Test
    void deliveryOverQuotaIsRefusedAndLeavesNothing() throws Exception {
        try (MaildirStore store = open(1000)) {
            store.deliver(FolderName.INBOX, bytes(600));
            QuotaExceededException e = assertThrows(QuotaExceededException.class,
                    () -> store.deliver(FolderName.INBOX, bytes(500)));
            assertFalse(e.isPermanent(), "it would fit in an empty mailbox: 452 4.2.2");
            assertEquals(600, e.usedBytes());
            assertEquals(1, StoreFixture.files(root.resolve("new")).size());
            assertTrue(StoreFixture.files(root.resolve("tmp")).isEmpty());
            assertEquals(600, store.quota().usedBytes());
        }
    }

    @Test
    void messageLargerThanTheWholeQuotaIsPermanent() throws Exception {
        try (MaildirStore store = open(1000)) {
            QuotaExceededException e = assertThrows(QuotaExceededException.class,
                    () -> store.deliver(FolderName.INBOX, bytes(200_000)));
            assertTrue(e.isPermanent(), "552 5.2.2");
            assertTrue(StoreFixture.files(root.resolve("tmp")).isEmpty());
            assertTrue(StoreFixture.files(root.resolve("new")).isEmpty());
        }
    }

    @Test
    void appendAndCopyCountExpungeFrees() throws Exception {
        try (MaildirStore store = open(8000)) {
            store.append(FolderName.INBOX, bytes(3000), Flags.NONE, null);
            MailboxView v = store.openView(FolderName.INBOX, false);
            v.copy(List.of(1L), FolderName.of("Archive"));
            assertEquals(6000, store.quota().usedBytes());
            assertThrows(QuotaExceededException.class, () -> v.copy(List.of(1L), FolderName.of("Trash")));
            assertThrows(QuotaExceededException.class, () -> store.append(FolderName.INBOX, bytes(5000), Flags.NONE, null));
            assertEquals(0, store.status(FolderName.of("Trash")).messages());
            v.storeFlags(List.of(1L), FlagOperation.ADD, Flags.of(SystemFlag.DELETED));
            v.expunge();
            assertEquals(3000, store.quota().usedBytes());
            assertEquals(1, store.quota().messageCount());
        }
    }

    @Test
    void counterIsRebuiltWhenLostOrWrong() throws Exception {
        try (MaildirStore store = open(10_000)) {
            store.deliver(FolderName.INBOX, bytes(100));
            store.deliver(FolderName.of("Sent"), bytes(200));
            Files.delete(root.resolve(Quota.FILE));
            assertEquals(300, store.quota().usedBytes());
            Files.writeString(root.resolve(Quota.FILE), "10000S\nnonsense\n");
            assertEquals(300, store.quota().usedBytes());
            Files.writeString(root.resolve(Quota.FILE), "10000S\n-5000 -3\n");
            assertEquals(2, store.quota().messageCount());
        }
    }

    @Test
    void maildirsizeUsesTheMaildirPlusPlusFormat() throws Exception {
        try (MaildirStore store = open(5000)) {
            store.deliver(FolderName.INBOX, bytes(123));
            List<String> lines = Files.readAllLines(root.resolve(Quota.FILE));
            assertEquals("5000S", lines.get(0));
            assertEquals("123 1", lines.get(lines.size() - 1));
        }
    }

    @Test
    void noLimitMeansNoRefusal() throws Exception {
        try (MaildirStore store = open(0)) {
            store.deliver(FolderName.INBOX, bytes(100_000));
            assertFalse(store.quota().isLimited());
        }
    }
}
