package org.mailstack.webmail.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per account address and per client IP in a sliding window; past either limit, sign-in is
 * refused without asking the IMAP server until the oldest failure leaves the window. Bounded memory: keys whose
 * failures have all expired are dropped.
 */
public final class LoginThrottle {
    private static final int MAX_KEYS = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final int perAddress;
    private final int perClient;
    private final Duration window;
    private final Clock clock;

    public LoginThrottle(int perAddress, int perClient, Duration window, Clock clock) {
        this.perAddress = perAddress;
        this.perClient = perClient;
        this.window = window;
        this.clock = clock;
    }

    /** Whether a sign-in for this address from this client may be tried now. */
    public boolean allowed(String address, String clientIp) {
        Instant now = clock.instant();
        return count(addressKey(address), now) < perAddress && count(clientKey(clientIp), now) < perClient;
    }

    public void failed(String address, String clientIp) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) {
            failures.keySet().removeIf(k -> count(k, now) == 0);
        }
        record(addressKey(address), now);
        record(clientKey(clientIp), now);
    }

    /** A successful sign-in clears the address's failures (not the client's). */
    public void succeeded(String address) {
        failures.remove(addressKey(address));
    }

    private void record(String key, Instant now) {
        Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            q.addLast(now);
            while (q.size() > Math.max(perAddress, perClient)) {
                q.removeFirst();
            }
        }
    }

    private int count(String key, Instant now) {
        Deque<Instant> q = failures.get(key);
        if (q == null) {
            return 0;
        }
        synchronized (q) {
            while (!q.isEmpty() && !q.peekFirst().isAfter(now.minus(window))) {
                q.removeFirst();
            }
            return q.size();
        }
    }

    private static String addressKey(String address) {
        return "a:" + (address == null ? "" : address.toLowerCase(Locale.ROOT));
    }

    private static String clientKey(String ip) {
        return "c:" + ip;
    }
}
