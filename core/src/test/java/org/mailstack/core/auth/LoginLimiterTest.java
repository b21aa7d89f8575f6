package org.mailstack.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailstack.core.MutableClock;

class LoginLimiterTest {
    private final MutableClock clock = new MutableClock();
    private final LoginLimiter limiter = new LoginLimiter(LoginPolicy.DEFAULT, clock);

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Tries as an attacker would: fails whenever allowed; returns how many attempts were checked. */
    private int failUntilRefused(InetAddress client, String account, int attempts) {
        int checked = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.before(client, account).refused()) {
                continue;
            }
            limiter.failed(client, account);
            checked++;
            clock.advance(Duration.ofSeconds(1));
        }
        return checked;
    }

    @Test
    void attackerFromThreeAddressesDoesNotStopTheOwnerFromAFourth() {
        for (String attacker : new String[] {"198.51.100.1", "198.51.100.2", "198.51.100.3"}) {
            failUntilRefused(ip(attacker), "alice", 20);
        }
        LoginVerdict owner = limiter.before(ip("203.0.113.9"), "alice");
        assertThat(owner.refused()).isFalse();
        assertThat(owner.delay()).isLessThanOrEqualTo(Duration.ofSeconds(2)).isPositive();
        limiter.succeeded(ip("203.0.113.9"), "alice");
        assertThat(limiter.before(ip("203.0.113.9"), "ALICE").refused()).isFalse();
    }

    @Test
    void aClientIsRefusedForAnAccountAfterFiveFailuresUntilItsCounterDrains() {
        InetAddress a = ip("198.51.100.1");
        assertThat(failUntilRefused(a, "alice", 20)).isEqualTo(5);
        LoginVerdict refused = limiter.before(a, "alice");
        assertThat(refused.refused()).isTrue();
        assertThat(refused.retryAfter()).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(3));
        assertThat(limiter.before(a, "bob").refused()).as("other accounts stay open to it").isFalse();
        clock.advance(refused.retryAfter());
        LoginVerdict again = limiter.before(a, "alice");
        assertThat(again.refused()).as("one more attempt every 3 minutes").isFalse();
        limiter.failed(a, "alice");
        assertThat(limiter.before(a, "alice").refused()).isTrue();
    }

    @Test
    void ownFailuresDelayTheNextAnswerOneSecondEach() {
        InetAddress a = ip("198.51.100.1");
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            delays.add(limiter.before(a, "alice").delay().toSeconds());
            limiter.failed(a, "alice");
        }
        assertThat(delays).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void sprayingFromOneAddressAcrossManyAccountsIsRefused() {
        InetAddress a = ip("198.51.100.1");
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.before(a, "user" + i).refused()).isFalse();
            limiter.failed(a, "user" + i);
        }
        assertThat(limiter.before(a, "someone-else").refused()).isTrue();
        assertThat(limiter.before(ip("198.51.100.2"), "someone-else").refused()).isFalse();
    }

    @Test
    void theAccountSlowdownIsBoundedNeverRefusesAndWearsOff() {
        for (int i = 0; i < 200; i++) {
            limiter.failed(ip("10.0." + (i / 250) + "." + (i % 250)), "alice");
        }
        LoginVerdict owner = limiter.before(ip("203.0.113.9"), "alice");
        assertThat(owner.refused()).isFalse();
        assertThat(owner.delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(limiter.before(ip("203.0.113.9"), "bob").delay()).isZero();
        clock.advance(Duration.ofMinutes(15));
        assertThat(limiter.before(ip("203.0.113.9"), "alice").delay()).isZero();
    }

    @Test
    void successClearsOnlyThePairsOwnFailures() {
        InetAddress a = ip("198.51.100.1");
        for (int i = 0; i < 4; i++) {
            limiter.failed(a, "alice");
        }
        limiter.succeeded(a, "alice");
        assertThat(limiter.before(a, "alice").delay())
                .as("the account's slowdown (4 x 200 ms) stays, the pair's 4 s are gone")
                .isEqualTo(Duration.ofMillis(800));
        for (int i = 0; i < 16; i++) {
            limiter.failed(a, "u" + i);
        }
        limiter.succeeded(a, "mine");
        assertThat(limiter.before(a, "other").refused()).as("own account does not reset spraying").isTrue();
    }

    @Test
    void anIpv6ClientCountsAsItsSlash64() {
        for (int i = 1; i <= 5; i++) {
            limiter.failed(ip("2001:db8:0:1::" + i), "alice");
        }
        assertThat(limiter.before(ip("2001:db8:0:1:ffff::9"), "alice").refused()).isTrue();
        assertThat(limiter.before(ip("2001:db8:0:2::1"), "alice").refused()).isFalse();
    }

    @Test
    void memoryIsBoundedAndTheOldestCountersAreForgotten() {
        LoginLimiter small = new LoginLimiter(new LoginPolicy(5, 20, Duration.ofMinutes(15), Duration.ofSeconds(1),
                Duration.ofMillis(200), Duration.ofSeconds(2), 100), clock);
        InetAddress first = ip("198.51.100.1");
        for (int i = 0; i < 5; i++) {
            small.failed(first, "alice");
        }
        assertThat(small.before(first, "alice").refused()).isTrue();
        for (int i = 0; i < 1000; i++) {
            small.failed(ip("10.1." + (i / 250) + "." + (i % 250)), "user" + i);
        }
        assertThat(small.entries()).isLessThanOrEqualTo(300);
        assertThat(small.before(first, "alice").refused()).isFalse();
    }

    @Test
    void concurrentFailuresAreAllCounted() throws Exception {
        LoginLimiter wide = new LoginLimiter(new LoginPolicy(5, 1000, Duration.ofMinutes(15), Duration.ofSeconds(1),
                Duration.ofMillis(200), Duration.ofSeconds(2), 20_000), clock);
        InetAddress a = ip("198.51.100.1");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int n = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    wide.before(a, "user" + n + "-" + i);
                    wide.failed(a, "user" + n + "-" + i);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        for (int i = 0; i < 199; i++) {
            wide.failed(a, "more" + i);
        }
        assertThat(wide.before(a, "fresh").refused()).as("999 failures counted").isFalse();
        wide.failed(a, "last");
        assertThat(wide.before(a, "fresh").refused()).as("the 1000th").isTrue();
    }
}
