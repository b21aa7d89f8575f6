package org.mailstack.mailctl.command;

import java.util.ArrayList;
import java.util.List;
import org.mailstack.mailctl.Mailctl;
import org.mailstack.mailctl.account.AccountMover;
import org.mailstack.mailctl.account.Swarm;
import picocli.CommandLine.Option;

/**
 * The Docker endpoints of the two nodes a move touches (volumes are local to a node). An absent option means the
 * manager's endpoint; the endpoints this opens are closed with it.
 */
final class NodeEndpoints implements AutoCloseable {
    @Option(names = "--from-docker", paramLabel = "URL",
            description = "Docker endpoint of the node the account is on (default: the manager's).")
    String fromDocker;

    @Option(names = "--to-docker", paramLabel = "URL",
            description = "Docker endpoint of the new node (default: the manager's).")
    String toDocker;

    private final List<Swarm> opened = new ArrayList<>();

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
