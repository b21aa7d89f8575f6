package org.mailstack.core.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * The numbers of {@link LoginLimiter} (ADR 18). Every counter drains completely in one {@code window}.
 *
 * @param failuresPerClientAndAccount failures one client may make for one account within the window; past it that
 *                                    pair is refused until its counter drains below the limit again
 * @param failuresPerClient           failures one client may make across all accounts (password spraying)
 * @param window                      the time in which each counter drains from full to zero
 * @param delayPerFailure             the answer to a pair's next attempt waits this long per recent failure of
 *                                    that pair (at most {@code failuresPerClientAndAccount - 1} of them)
 * @param accountDelayPerFailure      every attempt for an account waits this long per recent failure for it, from
 *                                    any client
 * @param maxAccountDelay             the most that failures from others can make an account's owner wait; an account
 *                                    is never refused and never locked
 * @param maxEntries                  counters kept per kind; past it the one changed longest ago is forgotten
 */
public record LoginPolicy(int failuresPerClientAndAccount, int failuresPerClient, Duration window,
                          Duration delayPerFailure, Duration accountDelayPerFailure, Duration maxAccountDelay,
                          int maxEntries) {

    /** 5 per client and account, 20 per client, in 15 minutes; 1 s per own failure; at most 2 s for the owner. */
    public static final LoginPolicy DEFAULT = new LoginPolicy(5, 20, Duration.ofMinutes(15), Duration.ofSeconds(1),
            Duration.ofMillis(200), Duration.ofSeconds(2), 20_000);

    public LoginPolicy {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(delayPerFailure, "delayPerFailure");
        Objects.requireNonNull(accountDelayPerFailure, "accountDelayPerFailure");
        Objects.requireNonNull(maxAccountDelay, "maxAccountDelay");
        if (failuresPerClientAndAccount < 1 || failuresPerClient < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("limits and maxEntries must be at least 1");
        }
        if (window.toMillis() < 1 || delayPerFailure.isNegative() || accountDelayPerFailure.toMillis() < 1
                || maxAccountDelay.compareTo(accountDelayPerFailure) < 0) {
            throw new IllegalArgumentException("window and accountDelayPerFailure must be positive, delays not"
                    + " negative, and maxAccountDelay at least accountDelayPerFailure");
        }
    }
}
