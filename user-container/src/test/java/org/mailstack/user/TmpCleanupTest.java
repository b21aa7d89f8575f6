package org.mailstack.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TmpCleanupTest {
    @TempDir
    Path maildir;

    @Test
    void removesFilesFromEveryTmpAndNothingElse() throws IOException {
        Path inboxTmp = Files.createDirectories(maildir.resolve("tmp")).resolve("1.M1P1.host");
        Path folderTmp = Files.createDirectories(maildir.resolve(".Lists.java/tmp")).resolve("2.M2P2.host");
        Path delivered = Files.createDirectories(maildir.resolve("new")).resolve("3.M3P3.host");
        Path folderCur = Files.createDirectories(maildir.resolve(".Lists.java/cur")).resolve("4.M4P4.host:2,S");
        for (Path file : new Path[] {inboxTmp, folderTmp, delivered, folderCur}) {
            Files.writeString(file, "x");
        }
        assertEquals(2, TmpCleanup.run(maildir));
        assertFalse(Files.exists(inboxTmp));
        assertFalse(Files.exists(folderTmp));
        assertTrue(Files.exists(delivered));
        assertTrue(Files.exists(folderCur));
    }

    @Test
    void missingMaildirIsNothingToDo() throws IOException {
        assertEquals(0, TmpCleanup.run(maildir.resolve("absent")));
    }
}
