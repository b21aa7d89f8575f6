package org.mailstack.mailctl.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.mailstack.mailctl.MailctlException;

/** Polls a condition until it holds or a deadline passes: Docker removes services and frees volumes late. */
public final class Await {
    static final Duration POLL = Duration.ofMillis(250);

    private final Clock clock;
    private final HealthWaiter.Pause pause;

    public Await(Clock clock, HealthWaiter.Pause pause) {
        this.clock = clock;
        this.pause = pause;
    }

    /** Returns once {@code condition} holds; fails with an operation error saying {@code what} did not happen. */
    public void until(BooleanSupplier condition, Duration timeout, String what) {
        Instant deadline = clock.instant().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (!clock.instant().isBefore(deadline)) {
                throw MailctlException.operation(what + " did not happen within " + timeout.toSeconds() + " s");
            }
            try {
                pause.pause(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw MailctlException.operation("interrupted while waiting: " + what);
            }
        }
    }
}
