package org.mailstack.mailctl.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.account.AccountMover;
import org.mailstack.mailctl.account.Swarm;
import picocli.CommandLine.Option;

/**
 * The options of the verbs that move accounts ({@code move}, {@code drain}): the Docker endpoints of the two nodes
 * (volumes are local to a node; an absent option means the manager's endpoint), the wait for health, and whether the
 * old volume stays. The endpoints this opens are closed with it.
 */
final class MoveOptions implements AutoCloseable {
    @Option(names = "--from-docker", paramLabel = "URL",
            description = "Docker endpoint of the node the account is on (default: the manager's).")
    String fromDocker;

    @Option(names = "--to-docker", paramLabel = "URL",
            description = "Docker endpoint of the new node (default: the manager's).")
    String toDocker;

    @Option(names = "--keep-old-volume", description = "Keep the volume on the old node after the move.")
    boolean keepOldVolume;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "90",
            description = "How long to wait until the container is healthy on the new node (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private final List<Swarm> opened = new ArrayList<>();

    /** The mover these options set up; fails with exit 2 on a bad option (call it before touching anything). */
    AccountMover mover(Mailctl app, Swarm manager) {
        if (timeoutSeconds <= 0) {
            throw MailctlException.usage("--timeout must be a positive number of seconds");
        }
        return new AccountMover(manager, app.settings().withHealthTimeout(Duration.ofSeconds(timeoutSeconds)),
                app.clock(), app.pause());
    }

    AccountMover.Endpoints open(Mailctl app, Swarm manager) {
        return new AccountMover.Endpoints(open(app, fromDocker, manager), open(app, toDocker, manager));
    }

    private Swarm open(Mailctl app, String url, Swarm manager) {
        if (url == null || url.isBlank()) {
            return manager;
        }
        Swarm swarm = app.openSwarm(url);
        opened.add(swarm);
        return swarm;
    }

    @Override
    public void close() {
        opened.forEach(Swarm::close);
        opened.clear();
    }
}
