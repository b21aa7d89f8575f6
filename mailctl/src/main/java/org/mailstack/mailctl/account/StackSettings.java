package org.mailstack.mailctl.account;

import java.time.Duration;

/**
 * Where accounts live: the user-container image, the mail network and relay secret made by {@code ./mailstack up},
 * the home directory the volume is mounted on, the memory limit and the wait for health.
 */
public record StackSettings(String image, String network, String relaySecret, String home, long memoryBytes,
                            Duration healthTimeout) {
    public static final String IMAGE = "mailstack/user-container:latest";
    public static final String NETWORK = "mailstack-mail";
    public static final String RELAY_SECRET = "mailstack-relay-secret";
    public static final String HOME = "/home/box";
    /** The image's JVM assumes MaxRAM=256m; a lower limit risks the kernel's OOM killer under load. */
    public static final long MEMORY_BYTES = 256L * 1024 * 1024;

    public static StackSettings defaults() {
        return new StackSettings(IMAGE, NETWORK, RELAY_SECRET, HOME, MEMORY_BYTES, Duration.ofSeconds(90));
    }

    public StackSettings withImage(String newImage) {
        return new StackSettings(newImage, network, relaySecret, home, memoryBytes, healthTimeout);
    }

    public StackSettings withHealthTimeout(Duration timeout) {
        return new StackSettings(image, network, relaySecret, home, memoryBytes, timeout);
    }
}
