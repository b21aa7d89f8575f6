package org.mailstack.mailctl.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.mailstack.mailctl.MailctlException;

/**
 * Waits, with a deadline, until a new service's task runs and its container is healthy.
 *
 * <p>The swarm only reports a task as {@code running} once the container's HEALTHCHECK has passed; where the
 * container is on this node its health is read too, so a later {@code unhealthy} is not taken for success.
 * Three failed tasks end the wait early: the restart loop would only repeat the same error.
 */
public final class HealthWaiter {
    static final Duration POLL = Duration.ofMillis(250);
    static final int MAX_FAILED_TASKS = 3;

    /** Lets tests pass time without sleeping. */
    @FunctionalInterface
    public interface Pause {
        Pause SLEEP = d -> Thread.sleep(d.toMillis());

        void pause(Duration duration) throws InterruptedException;
    }

    private final Swarm swarm;
    private final Clock clock;
    private final Pause pause;

    public HealthWaiter(Swarm swarm, Clock clock, Pause pause) {
        this.swarm = swarm;
        this.clock = clock;
        this.pause = pause;
    }

    /** Returns the healthy task; throws an operation error naming the last task error on failure or timeout. */
    public TaskInfo awaitHealthy(String serviceName, Duration timeout, Progress progress) {
        return awaitHealthy(serviceName, timeout, progress, Set.of());
    }

    /**
     * As {@link #awaitHealthy(String, Duration, Progress)}, ignoring the tasks that existed before an update, so
     * that the old task, still running while the swarm replaces it, is not taken for the new one.
     */
    public TaskInfo awaitHealthy(String serviceName, Duration timeout, Progress progress, Set<String> oldTasks) {
        Instant deadline = clock.instant().plus(timeout);
        String lastState = null;
        String lastError = null;
        while (true) {
            List<TaskInfo> tasks = swarm.tasks(serviceName).stream().filter(t -> !oldTasks.contains(t.id())).toList();
            long failed = tasks.stream().filter(TaskInfo::failed).count();
            for (TaskInfo t : tasks) {
                if (t.error() != null && !t.error().isBlank()) {
                    lastError = t.error();
                    break;
                }
            }
            TaskInfo current = tasks.isEmpty() ? null : tasks.get(0);
            if (current != null) {
                String state = current.state() + (current.health() == null ? "" : " (" + current.health() + ")");
                if (!state.equals(lastState)) {
                    progress.step("  task " + state);
                    lastState = state;
                }
                if (current.running() && (current.health() == null || "healthy".equals(current.health()))) {
                    return current;
                }
            }
            if (failed >= MAX_FAILED_TASKS) {
                throw MailctlException.operation(serviceName + " failed to start " + failed + " times"
                        + detail(lastError) + "; see docker service ps --no-trunc " + serviceName);
            }
            if (!clock.instant().isBefore(deadline)) {
                throw MailctlException.operation(serviceName + " was not healthy within " + timeout.toSeconds()
                        + " s (last state: " + (lastState == null ? "no task yet" : lastState) + ")"
                        + detail(lastError) + "; see docker service ps --no-trunc " + serviceName);
            }
            try {
                pause.pause(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw MailctlException.operation("interrupted while waiting for " + serviceName);
            }
        }
    }

    private static String detail(String error) {
        return error == null ? "" : ": " + error;
    }
}
