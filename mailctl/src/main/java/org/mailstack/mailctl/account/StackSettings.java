package org.mailstack.mailctl.account;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where accounts live: the user-container image, the mail network made by {@code ./mailstack up}, the host's data
 * directory (the relay key, {@link RelayKeyFile}, and the archives of deleted accounts), the home directory the volume is mounted on, the memory limit and
 * the wait for health.
 */
public record StackSettings(String image, String network, Path dataDir, String home, long memoryBytes,
                            Duration healthTimeout) {
    public static final String IMAGE = "mailstack/user-container:latest";
    public static final String NETWORK = "mailstack-mail";
    /** The stack {@code ./mailstack up} deploys: its objects are named {@code mailstack_<name>}. */
    public static final String STACK = "mailstack";
    /** The main system's service: MX, queue, proxies; it holds the stack's own volumes. */
    public static final String MAIN_SERVICE = STACK + "_main";
    /** The host directory of mailstack's own state; {@code MAILSTACK_DATA_DIR} overrides it. */
    public static final String DATA_DIR = "/var/lib/mailstack";
    public static final String HOME = "/home/box";
    /** The image's JVM assumes MaxRAM=256m; a lower limit risks the kernel's OOM killer under load. */
    public static final long MEMORY_BYTES = 256L * 1024 * 1024;

    public static StackSettings defaults() {
        return new StackSettings(IMAGE, NETWORK, Path.of(DATA_DIR), HOME, MEMORY_BYTES, Duration.ofSeconds(90));
    }

    /** Where {@code delete} archives a removed account's Maildir by default: {@code archives/} in the data directory. */
    public Path archiveDir() {
        return dataDir.resolve("archives");
    }

    public StackSettings withImage(String newImage) {
        return new StackSettings(newImage, network, dataDir, home, memoryBytes, healthTimeout);
    }

    public StackSettings withDataDir(Path newDataDir) {
        return new StackSettings(image, network, newDataDir, home, memoryBytes, healthTimeout);
    }

    public StackSettings withHealthTimeout(Duration timeout) {
        return new StackSettings(image, network, dataDir, home, memoryBytes, timeout);
    }
}
