package org.mailstack.core.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mechanism itself: a directory held open, through which no planted link or special file is followed. */
class OwnerDirectoryTest {
    private static final Duration NEVER_BLOCKS = Duration.ofSeconds(10);

    @TempDir
    Path base;
    private Path home;
    private Path secret;
    private final String secretText = "SECRET-" + UUID.randomUUID();

    @BeforeEach
    void plantASecretOutsideTheHome() throws IOException {
        home = Files.createDirectories(base.resolve("home"));
        secret = Files.writeString(Files.createDirectories(base.resolve("outside")).resolve("secret"), secretText);
    }

    @Test
    void regularFileIsReadThroughTheDirectory() throws IOException {
        Files.writeString(home.resolve("rules"), "keep;");
        try (OwnerDirectory dir = OwnerDirectory.openTrusted(home)) {
            assertArrayEquals("keep;".getBytes(StandardCharsets.US_ASCII), dir.readRegular("rules", 0, 100));
            assertArrayEquals("p;".getBytes(StandardCharsets.US_ASCII), dir.readRegular("rules", 3, 100));
            assertNull(dir.readRegular("absent", 0, 100));
        }
    }

    @Test
    void symlinkToAFileIsNeverOpened() throws IOException {
        Planted.link(home.resolve("rules"), secret);
        try (OwnerDirectory dir = OwnerDirectory.openTrusted(home)) {
            assertThrows(RefusedFileException.class, () -> dir.openRegular("rules"));
            assertThrows(RefusedFileException.class, () -> dir.readRegular("rules", 0, 1000));
            assertThrows(RefusedFileException.class, () -> dir.regular("rules"));
            assertTrue(dir.attributes("rules").isSymbolicLink());
        }
    }

    @Test
    void symlinkToADirectoryIsNeverEntered() throws IOException {
        Planted.link(home.resolve("Maildir"), secret.getParent());
        try (OwnerDirectory dir = OwnerDirectory.openTrusted(home)) {
            assertThrows(RefusedFileException.class, () -> dir.directory("Maildir"));
        }
    }

    @Test
    void fifoIsRefusedWithoutBlocking() throws Exception {
        Planted.fifo(home.resolve("fifo"));
        try (OwnerDirectory dir = OwnerDirectory.openTrusted(home)) {
            assertTimeoutPreemptively(NEVER_BLOCKS, () -> {
                assertThrows(RefusedFileException.class, () -> dir.openRegular("fifo"));
                assertThrows(RefusedFileException.class, () -> dir.readRegular("fifo", 0, 100));
                assertThrows(RefusedFileException.class, () -> dir.directory("fifo"));
            });
        }
    }

    @Test
    void directoryWhereAFileBelongsIsRefused() throws IOException {
        Files.createDirectories(home.resolve("rules"));
        try (OwnerDirectory dir = OwnerDirectory.openTrusted(home)) {
            assertThrows(RefusedFileException.class, () -> dir.openRegular("rules"));
        }
    }

    @Test
    void directorySwappedForALinkAfterItWasOpenedStillReadsTheRealOne() throws IOException {
        Path cur = Files.createDirectories(home.resolve("cur"));
        Files.writeString(cur.resolve("message"), "own mail");
        Files.writeString(secret.resolveSibling("message"), secretText);
        try (OwnerDirectory dir = OwnerDirectory.openTrusted(home); OwnerDirectory open = dir.directory("cur")) {
            Files.move(cur, home.resolve("cur.moved"));
            Planted.link(cur, secret.getParent());

            byte[] read = open.readRegular("message", 0, 1000);

            assertEquals("own mail", new String(read, StandardCharsets.US_ASCII));
            assertThrows(RefusedFileException.class, () -> dir.directory("cur"));
        }
    }

    @Test
    void namesThatAreNotOnePlainElementAreRefused() throws IOException {
        Files.createDirectories(home.resolve("sub"));
        Files.writeString(home.resolve("sub").resolve("file"), "x");
        try (OwnerDirectory dir = OwnerDirectory.openTrusted(home.resolve("sub"))) {
            for (String name : List.of("..", ".", "", "../sub/file", "a/b", "nul\0name")) {
                assertThrows(RefusedFileException.class, () -> dir.openRegular(name), name);
                assertThrows(RefusedFileException.class, () -> dir.directory(name), name);
            }
            assertThrows(RefusedFileException.class, () -> dir.open("../escape", StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE));
        }
        assertFalse(Files.exists(home.resolve("escape")));
    }

    @Test
    void largerThanTheLimitIsRefused() throws IOException {
        Files.write(home.resolve("big"), new byte[2048]);
        try (OwnerDirectory dir = OwnerDirectory.openTrusted(home)) {
            assertThrows(RefusedFileException.class, () -> dir.readRegular("big", 0, 1024));
            assertEquals(2048, dir.readRegular("big", 0, 2048).length);
        }
    }

    @Test
    void writesNeverGoThroughALink() throws IOException {
        Planted.link(home.resolve("list"), secret);
        Planted.link(home.resolve("dangling"), base.resolve("outside").resolve("created"));
        try (OwnerDirectory dir = OwnerDirectory.openTrusted(home)) {
            assertThrows(IOException.class, () -> dir.open("list", StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND).close());
            assertThrows(IOException.class, () -> dir.open("dangling", StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE).close());
            dir.delete("list");
        }
        assertEquals(secretText, Files.readString(secret));
        assertFalse(Files.exists(base.resolve("outside").resolve("created")));
        assertFalse(Files.exists(home.resolve("list"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void openedFileReadsLikeAnyChannel() throws IOException {
        Files.writeString(home.resolve("message"), "0123456789");
        try (OwnerDirectory dir = OwnerDirectory.openTrusted(home);
             SeekableByteChannel ch = dir.openRegular("message")) {
            ByteBuffer buf = ByteBuffer.allocate(4);
            ch.position(6);
            ch.read(buf);
            assertEquals("6789", new String(buf.array(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void refusalIsLoggedOncePerPathAsOnePrintableLine() throws IOException {
        String name = "evil\r\nWARN forged line \u001b[31m";
        Planted.link(home.resolve(name), secret);
        try (LogCapture log = LogCapture.start(); OwnerDirectory dir = OwnerDirectory.openTrusted(home)) {
            for (int i = 0; i < 3; i++) {
                assertThrows(RefusedFileException.class, () -> dir.openRegular(name));
            }

            List<String> lines = log.linesWith("evil\\x0d\\x0aWARN forged line \\x1b[31m");
            assertEquals(1, lines.size(), log.text());
            assertTrue(lines.get(0).contains("a symbolic link"), lines.get(0));
            assertFalse(log.text().contains("\u001b"), log.text());
            assertTrue(log.linesWith("WARN forged line").stream().allMatch(l -> l.contains("ignored")));
        }
    }

    @Test
    void printableKeepsOrdinaryNamesAndEscapesControls() {
        assertEquals("/home/box/Maildir/cur/1.M1P1Q1.host\\057x:2,S",
                FileWarnings.printable("/home/box/Maildir/cur/1.M1P1Q1.host\\057x:2,S"));
        assertEquals("a\\x0ab\\x7fc\\x85d\\u2028e", FileWarnings.printable("a\nb\u007fc\u0085d\u2028e"));
        assertTrue(FileWarnings.printable("x".repeat(1000)).length() <= 303);
    }
}
