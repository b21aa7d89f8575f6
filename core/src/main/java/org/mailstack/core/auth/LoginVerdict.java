package org.mailstack.core.auth;

import java.time.Duration;

/**
 * What {@link LoginLimiter#before} says about one login attempt.
 *
 * @param refused    the credentials must not be checked now: answer "try again later"
 * @param delay      when not refused, how long to wait before answering, whatever the outcome (the same wait for a
 *                   right and a wrong password, so the wait tells nothing)
 * @param retryAfter when refused, how long until this client may try this account again
 */
public record LoginVerdict(boolean refused, Duration delay, Duration retryAfter) {

    static LoginVerdict allowed(long delayMillis) {
        return new LoginVerdict(false, Duration.ofMillis(delayMillis), Duration.ZERO);
    }

    static LoginVerdict refusedFor(long millis) {
        return new LoginVerdict(true, Duration.ZERO, Duration.ofMillis(millis));
    }

    /**
     * Waits out {@link #delay()} on the calling thread: for callers with a thread per connection. Event-loop callers
     * schedule their answer after {@link #delay()} instead.
     */
    public void sleep() throws InterruptedException {
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
    }
}
