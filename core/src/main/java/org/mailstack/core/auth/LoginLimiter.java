package org.mailstack.core.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one rule against password guessing, for every place that checks a password (ADR 18).
 *
 * <p>The problem: a limit per account lets anyone lock its owner out with wrong passwords, and a limit per client
 * address alone lets a spread-out attacker guess freely. So failures are counted three ways, each in a counter that
 * drains completely in one {@linkplain LoginPolicy#window() window}:
 * <ul>
 *   <li><b>per client and account</b>: past {@link LoginPolicy#failuresPerClientAndAccount()} that pair is refused
 *       (its credentials are not even checked) until the counter drains below the limit; before that, each of its
 *       recent failures adds {@link LoginPolicy#delayPerFailure()} to the wait before its next answer. A success
 *       clears this counter, and only this one.</li>
 *   <li><b>per client</b>, across accounts: past {@link LoginPolicy#failuresPerClient()} the client is refused for
 *       every account (password spraying).</li>
 *   <li><b>per account</b>, across clients: only a slowdown, {@link LoginPolicy#accountDelayPerFailure()} per recent
 *       failure and never more than {@link LoginPolicy#maxAccountDelay()}. It never refuses: failures from other
 *       addresses cannot make the owner's right password fail, nor wait more than that.</li>
 * </ul>
 * An IPv6 client counts as its /64, the least a host is usually given; an IPv4 client as its address.
 *
 * <p>The limiter opens no socket and never sleeps: {@link #before} answers at once and the caller waits
 * {@link LoginVerdict#delay()} the way it can (an event loop schedules its answer, a thread per connection
 * sleeps). Memory is bounded: each kind of counter keeps at most {@link LoginPolicy#maxEntries()} entries and
 * forgets the one changed longest ago; a drained counter is dropped when next read. Thread-safe.
 */
public final class LoginLimiter {
    private final LoginPolicy policy;
    private final Clock clock;
    private final Counters pairs;
    private final Counters clients;
    private final Counters accounts;

    public LoginLimiter(LoginPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        long window = policy.window().toMillis();
        this.pairs = new Counters(policy.failuresPerClientAndAccount(), window, policy.maxEntries());
        this.clients = new Counters(policy.failuresPerClient(), window, policy.maxEntries());
        // full when the slowdown reaches its bound, so it wears off within one window after an attack
        this.accounts = new Counters(policy.maxAccountDelay().toMillis()
                / (double) policy.accountDelayPerFailure().toMillis(), window, policy.maxEntries());
    }

    /** The default policy on the system clock. */
    public static LoginLimiter withDefaults() {
        return new LoginLimiter(LoginPolicy.DEFAULT, Clock.systemUTC());
    }

    /**
     * Asked before a login's credentials are checked.
     *
     * @param client  the client's address as the entry point knows it (or as a proven relay reports it); null if
     *                unknown
     * @param account the account the login names, in the form every entry point uses for it (the account name when
     *                the login names an account, otherwise what was typed); compared case-insensitively
     */
    public synchronized LoginVerdict before(InetAddress client, String account) {
        long now = clock.millis();
        String c = clientKey(client);
        double pair = pairs.level(pairKey(c, account), now);
        long refused = Math.max(pairs.refusedFor(pair), clients.refusedFor(clients.level(c, now)));
        if (refused > 0) {
            return LoginVerdict.refusedFor(refused);
        }
        long own = Math.round(pair * policy.delayPerFailure().toMillis());
        long others = Math.round(accounts.level(accountKey(account), now) * policy.accountDelayPerFailure().toMillis());
        return LoginVerdict.allowed(Math.max(own, Math.min(others, policy.maxAccountDelay().toMillis())));
    }

    /** Counts a wrong password (or an unknown account) of {@code client} for {@code account}. */
    public synchronized void failed(InetAddress client, String account) {
        long now = clock.millis();
        String c = clientKey(client);
        pairs.add(pairKey(c, account), now);
        clients.add(c, now);
        accounts.add(accountKey(account), now);
    }

    /**
     * Clears the pair's own failures. Not the client's (an attacker's own account would reset its spraying count) and
     * not the account's (the owner's success would speed the attackers up).
     */
    public synchronized void succeeded(InetAddress client, String account) {
        pairs.remove(pairKey(clientKey(client), account));
    }

    /** Counters held now, of all kinds: for tests of the memory bound. */
    synchronized int entries() {
        return pairs.size() + clients.size() + accounts.size();
    }

    private static String pairKey(String client, String account) {
        return client + ' ' + accountKey(account);
    }

    private static String accountKey(String account) {
        return account == null ? "" : account.toLowerCase(Locale.ROOT);
    }

    /** IPv4: the address; IPv6: its /64. */
    static String clientKey(InetAddress client) {
        if (client == null) {
            return "?";
        }
        if (client instanceof Inet6Address) {
            byte[] a = client.getAddress();
            return HexFormat.of().formatHex(a, 0, 8) + "::/64";
        }
        return client.getHostAddress();
    }

    /**
     * Leaky buckets by key: each failure adds one, the level drains at {@code capacity} per window, and it never
     * exceeds {@code capacity}. The map's order is the order of last change, so the eldest is the one to forget.
     */
    private static final class Counters {
        private record Level(double value, long at) {
        }

        private final double capacity;
        private final double drainPerMilli;
        private final int maxEntries;
        private final Map<String, Level> levels = new LinkedHashMap<>();

        Counters(double capacity, long windowMillis, int maxEntries) {
            this.capacity = capacity;
            this.drainPerMilli = capacity / windowMillis;
            this.maxEntries = maxEntries;
        }

        double level(String key, long now) {
            Level l = levels.get(key);
            if (l == null) {
                return 0;
            }
            double v = l.value - Math.max(0, now - l.at) * drainPerMilli;
            if (v <= 0) {
                levels.remove(key);
                return 0;
            }
            return v;
        }

        void add(String key, long now) {
            double v = Math.min(capacity, level(key, now) + 1);
            levels.remove(key);
            levels.put(key, new Level(v, now));
            if (levels.size() > maxEntries) {
                var eldest = levels.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
        }

        void remove(String key) {
            levels.remove(key);
        }

        /** Milliseconds until one more failure fits under the limit; 0 when it fits now. */
        long refusedFor(double level) {
            double excess = level - (capacity - 1);
            return excess <= 0 ? 0 : (long) Math.ceil(excess / drainPerMilli);
        }

        int size() {
            return levels.size();
        }
    }
}
