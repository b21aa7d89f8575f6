package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FolderNameTest {
    @ParameterizedTest
    @CsvSource({
        "Sent, .Sent",
        "Lists/java, .Lists.java",
        "v1.2, .v1%2E2",
        "100%, .100%25",
        "Projects/2024.Q1/notes, .Projects.2024%2EQ1.notes",
        "Entwürfe, .Entwürfe",
        "INBOX/Sub, .INBOX.Sub",
        "a b, .a b",
    })
    void mapsToOneMaildirDirectoryAndBack(String logical, String directory) {
        FolderName name = FolderName.of(logical);
        assertEquals(directory, name.directoryName());
        assertEquals(Optional.of(name), FolderName.fromDirectoryName(directory));
    }

    @Test
    void inboxIsTheRootAndCaseInsensitive() {
        assertSame(FolderName.INBOX, FolderName.of("inbox"));
        assertEquals("", FolderName.of("InBoX").directoryName());
        assertEquals("INBOX/x", FolderName.of("inbox/x").name());
        assertEquals(Optional.empty(), FolderName.fromDirectoryName(".INBOX"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "a/..", "../x", "a/../b", "/abs", "trailing/", "a//b", ".hidden", "a/.b",
        "nul\u0000", "cr\r", "lf\n", "tab\t", "del\u007f"})
    void refusesNamesThatCouldEscapeOrInject(String bad) {
        InvalidFolderNameException e = assertThrows(InvalidFolderNameException.class, () -> FolderName.of(bad));
        assertTrue(e.getMessage().startsWith("invalid folder name: "));
        assertTrue(e.getMessage().indexOf('\n') < 0 && e.getMessage().indexOf('\r') < 0);
    }

    @Test
    void refusesNamesTooLongForOneDirectory() {
        assertThrows(InvalidFolderNameException.class, () -> FolderName.of("x".repeat(300)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sent", ".", "..", "...", "..Sent", ".a..b", ".a.", ".a%zz", ".a%2e", "tmp", "cur"})
    void directoriesThatAreNotFoldersAreIgnored(String dir) {
        assertEquals(Optional.empty(), FolderName.fromDirectoryName(dir), dir);
    }

    @Test
    void everyValidNameStaysDirectlyUnderTheRoot() {
        Path root = Path.of("/srv/mail/Maildir");
        FolderDirectories dirs = new FolderDirectories(new MaildirRoot(root), false, Clock.systemUTC());
        for (String n : new String[] {"a", "a/b/c", "x.y", "%2E%2E", "%", "~", "a\\b", "a b/c d"}) {
            Path p = dirs.dirOf(FolderName.of(n));
            assertEquals(root, p.getParent(), n);
            assertTrue(p.getFileName().toString().startsWith("."), n);
        }
    }

    @Test
    void hierarchyHelpers() {
        FolderName f = FolderName.of("a/b/c");
        assertEquals(Optional.of(FolderName.of("a/b")), f.parent());
        assertEquals(FolderName.of("a/b/c/d"), f.child("d"));
        assertTrue(FolderName.of("a").isAncestorOf(f));
        assertTrue(!FolderName.of("a/b/c").isAncestorOf(FolderName.of("a/b/cd")));
    }
}
