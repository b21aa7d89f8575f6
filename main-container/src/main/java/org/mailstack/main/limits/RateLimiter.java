package org.mailstack.main.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed-window counter per key (a client address): at most {@code limit} events per {@code window}.
 * A limit of 0 means unlimited. Old windows are dropped when the map grows, so memory stays bounded.
 */
public final class RateLimiter {
    private static final int MAX_KEYS = 50_000;

    private static final class Window {
        long start;
        int count;
    }

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Counts one event for {@code key}; false when the key is over its limit in the current window. */
    public boolean tryAcquire(String key) {
        if (limit == 0) {
            return true;
        }
        Window w = current(key);
        synchronized (w) {
            if (w.count >= limit) {
                return false;
            }
            w.count++;
            return true;
        }
    }

    /** Whether {@code key} has already used up its budget, without counting an event. */
    public boolean exhausted(String key) {
        if (limit == 0) {
            return false;
        }
        Window w = current(key);
        synchronized (w) {
            return w.count >= limit;
        }
    }

    private Window current(String key) {
        long now = clock.millis();
        if (windows.size() > MAX_KEYS) {
            windows.values().removeIf(w -> now - w.start >= windowMillis);
        }
        Window w = windows.computeIfAbsent(key, k -> new Window());
        synchronized (w) {
            if (now - w.start >= windowMillis) {
                w.start = now;
                w.count = 0;
            }
        }
        return w;
    }
}
