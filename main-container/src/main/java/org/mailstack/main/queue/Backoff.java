package org.mailstack.main.queue;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff: {@code initial * 2^attempts}, capped at {@code max}, with ±10 % jitter so retries spread. */
public record Backoff(Duration initial, Duration max) {

    /** The delay before the attempt that follows {@code failedAttempts} failures (1 for the first retry). */
    public Duration delay(int failedAttempts) {
        long base = initial.toMillis();
        int shift = Math.min(Math.max(failedAttempts - 1, 0), 30);
        long d = base << shift;
        if (d < 0 || d > max.toMillis()) {
            d = max.toMillis();
        }
        long jitter = d / 10;
        long r = jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
        return Duration.ofMillis(Math.max(0, d + r));
    }
}
