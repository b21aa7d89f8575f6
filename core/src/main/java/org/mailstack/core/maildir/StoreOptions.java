package org.mailstack.core.maildir;

import java.time.Clock;
import java.util.Objects;

/**
 * Settings of a {@link MaildirStore}.
 *
 * @param quotaBytes the account's byte limit, 0 for none
 * @param hostName   the host part of unique file names (sanitised by the store); the container's host name
 * @param fsync      whether to fsync files and directories; only benchmarks and tests may turn it off
 * @param clock      the clock for file names, internal dates and tmp/ clean-up
 */
public record StoreOptions(long quotaBytes, String hostName, boolean fsync, Clock clock) {
    public StoreOptions {
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("quotaBytes < 0");
        }
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(clock, "clock");
    }

    /** No quota, this machine's host name, fsync on, the system clock. */
    public static StoreOptions defaults() {
        return new StoreOptions(0, localHostName(), true, Clock.systemUTC());
    }

    public StoreOptions withQuotaBytes(long bytes) {
        return new StoreOptions(bytes, hostName, fsync, clock);
    }

    public StoreOptions withHostName(String name) {
        return new StoreOptions(quotaBytes, name, fsync, clock);
    }

    public StoreOptions withFsync(boolean on) {
        return new StoreOptions(quotaBytes, hostName, on, clock);
    }

    public StoreOptions withClock(Clock c) {
        return new StoreOptions(quotaBytes, hostName, fsync, c);
    }

    private static String localHostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
