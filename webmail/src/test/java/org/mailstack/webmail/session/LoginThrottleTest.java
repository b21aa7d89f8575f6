package org.mailstack.webmail.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final SessionStoreTest.MutableClock clock = new SessionStoreTest.MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(10), clock);

    @Test
    void anAddressIsBlockedAfterItsLimitUntilTheWindowPasses() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.allowed("box@a.x", "10.0.0.1")).isTrue();
            throttle.failed("box@a.x", "10.0.0.1");
        }
        assertThat(throttle.allowed("box@a.x", "10.0.0.2")).isFalse();
        assertThat(throttle.allowed("BOX@A.X", "10.0.0.2")).as("case does not help").isFalse();
        clock.advance(Duration.ofMinutes(11));
        assertThat(throttle.allowed("box@a.x", "10.0.0.2")).isTrue();
    }

    @Test
    void aClientIsBlockedAfterItsLimitWhateverAddressItTries() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("box@u" + i + ".x", "10.0.0.9");
        }
        assertThat(throttle.allowed("box@fresh.x", "10.0.0.9")).isFalse();
        assertThat(throttle.allowed("box@fresh.x", "10.0.0.10")).isTrue();
    }

    @Test
    void successClearsTheAddressButNotTheClient() {
        throttle.failed("box@a.x", "10.0.0.1");
        throttle.failed("box@a.x", "10.0.0.1");
        throttle.succeeded("box@a.x");
        throttle.failed("box@a.x", "10.0.0.1");
        throttle.failed("box@a.x", "10.0.0.1");
        assertThat(throttle.allowed("box@a.x", "10.0.0.3")).isTrue();
        throttle.failed("box@b.x", "10.0.0.1");
        assertThat(throttle.allowed("box@c.x", "10.0.0.1")).isFalse();
    }
}
