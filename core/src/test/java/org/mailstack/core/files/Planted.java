package org.mailstack.core.files;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What an account owner with a shell can put into their home, made by tests. */
public final class Planted {
    private Planted() {
    }

    /** A symbolic link at {@code link} naming {@code target}. */
    public static Path link(Path link, Path target) throws IOException {
        Files.createDirectories(link.getParent());
        return Files.createSymbolicLink(link, target);
    }

    /** A FIFO made with mkfifo(1); the test is skipped, with the reason, where there is none. */
    public static Path fifo(Path fifo) throws IOException, InterruptedException {
        Files.createDirectories(fifo.getParent());
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available here: " + e.getMessage());
            throw e;
        }
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed here");
        return fifo;
    }
}
