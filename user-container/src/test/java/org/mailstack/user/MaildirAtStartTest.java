package org.mailstack.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.account.AccountName;
import org.mailstack.core.files.Planted;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.MaildirStore;

/** The Maildir as the container opens it: unfinished deliveries go, and nothing a link names is touched. */
class MaildirAtStartTest {
    @TempDir
    Path home;

    private UserConfig config() {
        return new UserConfig(AccountName.of("bob"), "example.test", Set.of(), home, home.resolve(".tls"),
                UserConfig.DEFAULT_QUOTA, UserConfig.DEFAULT_MAX_MESSAGE, 2525, 1143, 1993, false, "", "secret",
                Optional.empty(), UserConfig.DEFAULT_LEARN_PER_MINUTE);
    }

    @Test
    void unfinishedDeliveriesInEveryTmpAreRemovedAndNothingElse() throws IOException {
        Path maildir = home.resolve("Maildir");
        try (MaildirStore store = MaildirStore.open(maildir, UserContainer.storeOptions(config()))) {
            store.createFolder(FolderName.of("Lists/java"));
        }
        Path inboxTmp = Files.writeString(maildir.resolve("tmp").resolve("1.M1P1.host"), "x");
        Path folderTmp = Files.writeString(maildir.resolve(".Lists.java/tmp").resolve("2.M2P2.host"), "x");
        Path delivered = Files.writeString(maildir.resolve("new").resolve("3.M3P3.host"), "x");
        Path folderCur = Files.writeString(maildir.resolve(".Lists.java/cur").resolve("4.M4P4.host:2,S"), "x");

        try (MaildirStore store = MaildirStore.open(maildir, UserContainer.storeOptions(config()))) {
            assertFalse(Files.exists(inboxTmp));
            assertFalse(Files.exists(folderTmp));
            assertTrue(Files.exists(delivered));
            assertTrue(Files.exists(folderCur));
            assertEquals(1, store.status(FolderName.INBOX).messages());
            assertEquals(1, store.status(FolderName.of("Lists/java")).messages());
        }
    }

    @Test
    void tmpOfAFolderThatIsALinkIsNotEmptied() throws IOException {
        Path maildir = home.resolve("Maildir");
        Path outside = Files.createDirectories(home.resolveSibling(home.getFileName() + "-outside"));
        Path outsideTmp = Files.createDirectories(outside.resolve("tmp"));
        Files.createDirectories(outside.resolve("cur"));
        Files.createDirectories(outside.resolve("new"));
        Path kept = Files.writeString(outsideTmp.resolve("secret"), "not the mail process's to remove");
        Files.createDirectories(maildir);
        Planted.link(maildir.resolve(".Evil"), outside);

        try (MaildirStore store = MaildirStore.open(maildir, UserContainer.storeOptions(config()))) {
            assertTrue(store.listFolders().stream().noneMatch(f -> f.name().name().equals("Evil")));
        }
        assertTrue(Files.exists(kept));
    }
}
