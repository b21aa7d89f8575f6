package org.mailstack.imap.session;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows password guessing: each failed login from an address adds {@code perFailure} to the delay before that
 * address's next answer (capped), and a success clears it. Failures are forgotten after 15 minutes.
 */
public final class LoginThrottle {
    private static final long FORGET_MILLIS = Duration.ofMinutes(15).toMillis();
    private static final int MAX_ADDRESSES = 10_000;
    private static final long MAX_DELAY_MILLIS = 15_000;

    private record Failures(int count, long lastMillis) {
    }

    private final long perFailureMillis;
    private final Map<InetAddress, Failures> failures = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Failures> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    public LoginThrottle(Duration perFailure) {
        this.perFailureMillis = perFailure.toMillis();
    }

    /** How long to wait before answering a login attempt from {@code address}. */
    public synchronized long delayMillis(InetAddress address) {
        Failures f = failures.get(address);
        if (f == null || System.currentTimeMillis() - f.lastMillis > FORGET_MILLIS) {
            return 0;
        }
        return Math.min(MAX_DELAY_MILLIS, f.count * perFailureMillis);
    }

    public synchronized void failed(InetAddress address) {
        Failures f = failures.get(address);
        int count = f == null || System.currentTimeMillis() - f.lastMillis > FORGET_MILLIS ? 0 : f.count;
        failures.put(address, new Failures(count + 1, System.currentTimeMillis()));
    }

    public synchronized void succeeded(InetAddress address) {
        failures.remove(address);
    }
}
