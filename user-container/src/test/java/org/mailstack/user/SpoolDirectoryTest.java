package org.mailstack.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.files.Planted;

/** The spool lives where the owner can write too ({@code /tmp}): only a directory this start made is used. */
class SpoolDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void eachStartGetsAFreshDirectoryOnlyThisUserCanEnter() throws IOException {
        Path first = SpoolDirectory.create(tmp);
        Path second = SpoolDirectory.create(tmp);

        assertNotEquals(first, second);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(second)));
        assertTrue(second.getFileName().toString().startsWith(SpoolDirectory.PREFIX));
    }

    @Test
    void plantedSpoolLinkIsNeverUsedNorEmptied() throws IOException {
        Path theirs = Files.createDirectories(tmp.resolve("theirs"));
        Path kept = Files.writeString(theirs.resolve("spool-1.eml"), "owner's file");
        Planted.link(tmp.resolve(SpoolDirectory.PREFIX), theirs);

        Path spool = SpoolDirectory.create(tmp);

        assertFalse(Files.isSymbolicLink(spool));
        assertNotEquals(theirs.toRealPath(), spool.toRealPath());
        assertTrue(Files.exists(kept));
        assertTrue(Files.isSymbolicLink(tmp.resolve(SpoolDirectory.PREFIX)));
    }

    @Test
    void earlierSpoolIsEmptiedWithoutFollowingLinksInIt() throws IOException {
        Path outside = Files.writeString(tmp.resolve("outside"), "not a spool file");
        Path earlier = Files.createDirectories(tmp.resolve(SpoolDirectory.PREFIX + "-earlier"));
        Files.writeString(earlier.resolve("spool-1.eml"), "cut short");
        Files.writeString(tmp.resolve(SpoolDirectory.PREFIX), "file");
        Path withLink = Files.createDirectories(tmp.resolve(SpoolDirectory.PREFIX + "-linked"));
        Planted.link(withLink.resolve("spool-2.eml"), outside);

        SpoolDirectory.create(tmp);

        assertFalse(Files.exists(earlier, LinkOption.NOFOLLOW_LINKS));
        assertEquals("not a spool file", Files.readString(outside));
        assertTrue(Files.isSymbolicLink(withLink.resolve("spool-2.eml")));
        assertTrue(Files.isRegularFile(tmp.resolve(SpoolDirectory.PREFIX), LinkOption.NOFOLLOW_LINKS));
    }
}
