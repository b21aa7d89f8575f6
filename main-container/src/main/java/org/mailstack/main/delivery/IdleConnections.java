package org.mailstack.main.delivery;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open, authenticated SMTP sessions to user containers kept for the next message to the same container, so a stream
 * of mail costs one TCP and TLS handshake and one AUTH per worker rather than per message. A session is reused only
 * if it answers RSET (RFC 5321 §4.1.1.5); one idle longer than {@code maxIdleMillis} is closed instead. At most
 * {@code perHost} are kept per container (the caller closes the others), and each park also closes the sessions of
 * every container that have been idle too long, so a container that gets no more mail is not held open.
 */
final class IdleConnections {
    private record Idle(SmtpClient client, long since) {
    }

    private final Map<String, Deque<Idle>> byHost = new ConcurrentHashMap<>();
    private final long maxIdleMillis;
    private final int perHost;

    IdleConnections(long maxIdleMillis, int perHost) {
        this.maxIdleMillis = maxIdleMillis;
        this.perHost = perHost;
    }

    /** A parked session to {@code key} that is still fresh, or null. */
    SmtpClient take(String key) {
        Deque<Idle> d = byHost.get(key);
        if (d == null) {
            return null;
        }
        long now = System.currentTimeMillis();
        synchronized (d) {
            while (!d.isEmpty()) {
                Idle i = d.pollLast();
                if (now - i.since() <= maxIdleMillis) {
                    return i.client();
                }
                closeQuietly(i.client());
            }
        }
        return null;
    }

    /** Keeps {@code c} for reuse; false when enough sessions to that host are parked (the caller closes it). */
    boolean park(String key, SmtpClient c) {
        long now = System.currentTimeMillis();
        closeIdle(now);
        Deque<Idle> d = byHost.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (d) {
            if (d.size() >= perHost) {
                return false;
            }
            d.addLast(new Idle(c, now));
            return true;
        }
    }

    /** Parked sessions, for tests. */
    int parked() {
        int n = 0;
        for (Deque<Idle> d : byHost.values()) {
            synchronized (d) {
                n += d.size();
            }
        }
        return n;
    }

    /** Closes every parked session idle longer than the limit; the oldest are first in each deque. */
    private void closeIdle(long now) {
        for (Deque<Idle> d : byHost.values()) {
            synchronized (d) {
                while (!d.isEmpty() && now - d.peekFirst().since() > maxIdleMillis) {
                    closeQuietly(d.pollFirst().client());
                }
            }
        }
    }

    static void closeQuietly(SmtpClient c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
