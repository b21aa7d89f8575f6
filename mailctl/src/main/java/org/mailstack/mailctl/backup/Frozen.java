package org.mailstack.mailctl.backup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.account.Progress;
import org.mailstack.mailctl.account.Swarm;

/**
 * A service's container paused while its volume is copied, so that the copy is one moment of the volume: no message
 * half-written, the UID list and the messages from the same instant. A paused container's processes stop between two
 * instructions; what they wrote is in the page cache the copy reads, so the copy is what a crash at that instant
 * would leave, which the store recovers from (ADR 15) without losing a UID. Mail for it meanwhile is not lost: the
 * relay's connection waits for a banner that does not come, times out, and the message stays in the main queue.
 * Docker runs no health check while a container is paused, so the swarm does not replace it.
 *
 * <p>{@link #close} unpauses, also from a shutdown hook when mailctl is interrupted; a container that cannot be
 * unpaused is reported with the command that does it.
 */
final class Frozen implements AutoCloseable {
    private final Swarm swarm;
    private final String service;
    private final Clock clock;
    private final Progress progress;
    private final Instant since;
    private final Thread hook;
    private boolean thawed;

    private Frozen(Swarm swarm, String service, Clock clock, Progress progress) {
        this.swarm = swarm;
        this.service = service;
        this.clock = clock;
        this.progress = progress;
        this.since = clock.instant();
        this.hook = new Thread(this::thawQuietly, "mailctl-unpause-" + service);
    }

    static Frozen pause(Swarm swarm, String service, Clock clock, Progress progress) {
        progress.step("Pausing " + service + " while its volume is copied (its mail waits in the main queue)");
        swarm.pauseContainerOf(service);
        Frozen frozen = new Frozen(swarm, service, clock, progress);
        try {
            Runtime.getRuntime().addShutdownHook(frozen.hook);
        } catch (IllegalStateException e) {
            // shutting down already: close() runs next
        }
        return frozen;
    }

    @Override
    public void close() {
        if (thawed) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook thaws it as well, which is harmless
        }
        MailctlException first = null;
        for (int attempt = 0; attempt < 3 && !thawed; attempt++) {
            try {
                swarm.unpauseContainerOf(service);
                thawed = true;
            } catch (MailctlException e) {
                first = first == null ? e : first;
            }
        }
        if (!thawed) {
            String message = service + " is still paused (" + first.getMessage() + "): unpause it now with docker"
                    + " unpause $(docker ps -q --filter label=com.docker.swarm.service.name=" + service + ")";
            progress.step("error: " + message);
            throw new MailctlException(first.exitCode(), message, first);
        }
        progress.step("Resumed " + service + " after " + Duration.between(since, clock.instant()).toMillis() + " ms");
    }

    private void thawQuietly() {
        try {
            swarm.unpauseContainerOf(service);
        } catch (RuntimeException e) {
            System.err.println("mailctl: " + service + " may still be paused: docker unpause its container");
        }
    }
}
