package org.mailstack.core.maildir;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link MaildirStore}.
 *
 * @param quotaBytes the account's byte limit, 0 for none
 * @param hostName   the host part of unique file names (sanitised by the store); the container's host name
 * @param fsync      whether to fsync files and directories; only benchmarks and tests may turn it off
 * @param clock      the clock for file names, internal dates and tmp/ clean-up
 * @param tmpMaxAge  files in {@code tmp/} older than this are removed at open: 36 hours by default (maildir(5));
 *                   {@link Duration#ZERO} removes all, for a process that knows it is the Maildir's only writer
 */
public record StoreOptions(long quotaBytes, String hostName, boolean fsync, Clock clock, Duration tmpMaxAge) {
    public StoreOptions {
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("quotaBytes < 0");
        }
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(clock, "clock");
        if (tmpMaxAge == null || tmpMaxAge.isNegative()) {
            throw new IllegalArgumentException("tmpMaxAge must be zero or positive");
        }
    }

    /** No quota, this machine's host name, fsync on, the system clock. */
    public static StoreOptions defaults() {
        return new StoreOptions(0, localHostName(), true, Clock.systemUTC(), Duration.ofHours(36));
    }

    public StoreOptions withQuotaBytes(long bytes) {
        return new StoreOptions(bytes, hostName, fsync, clock, tmpMaxAge);
    }

    public StoreOptions withHostName(String name) {
        return new StoreOptions(quotaBytes, name, fsync, clock, tmpMaxAge);
    }

    public StoreOptions withFsync(boolean on) {
        return new StoreOptions(quotaBytes, hostName, on, clock, tmpMaxAge);
    }

    public StoreOptions withClock(Clock c) {
        return new StoreOptions(quotaBytes, hostName, fsync, c, tmpMaxAge);
    }

    public StoreOptions withTmpMaxAge(Duration age) {
        return new StoreOptions(quotaBytes, hostName, fsync, clock, age);
    }

    private static String localHostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
