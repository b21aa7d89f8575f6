package org.mailstack.mailctl.command;

import org.mailstack.mailctl.account.AccountMover;
import org.mailstack.mailctl.account.AccountNaming;
import org.mailstack.mailctl.account.Swarm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailctl move USER --to NODE}: moves an account and its mail to another node (ADR 12). */
@Command(name = "move", mixinStandardHelpOptions = true,
        description = {"Moves an account to another node with its mail, e.g. off a node to be drained.",
                "The service is stopped (mail waits in the main container's queue), the Maildir volume is copied"
                        + " from the old node to the new one and compared, the service starts on the new node,"
                        + " then the old volume is removed (--keep-old-volume keeps it).",
                "Volumes are local to a node: mailctl needs the Docker endpoint of both nodes. The manager's"
                        + " (--docker-host) serves for the node it runs on; for a worker, forward its socket, e.g."
                        + " ssh -nNT -L /tmp/pi1.sock:/var/run/docker.sock pi-1, and pass"
                        + " --from-docker unix:///tmp/pi1.sock."},
        footer = {"", "Exit codes: 0 moved; 1 unknown account or node, node not active, copy differs (the account"
                + " stays where it was), not healthy on the new node (the old volume is kept); 2 bad name or an"
                + " endpoint that is another node; 3 Docker or a node's endpoint unreachable; 4 no space on the"
                + " new node."})
public final class MoveCommand extends Verb {
    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Option(names = "--to", required = true, paramLabel = "NODE", description = "The new node (id or hostname).")
    String to;

    /** --from-docker, --to-docker, --keep-old-volume, --timeout. */
    @Mixin
    MoveOptions options;

    @Option(names = "--json", description = "Print the result as a JSON object.")
    boolean json;

    @Override
    public Integer call() {
        try (Swarm manager = app.openSwarm(); MoveOptions nodes = options) {
            AccountMover mover = nodes.mover(app, manager);
            AccountMover.Endpoints endpoints = nodes.open(app, manager);
            AccountMover.Moved moved = mover.move(AccountNaming.validate(user), to, endpoints, nodes.keepOldVolume,
                    progress());
            out().println(json ? json(moved) : "Account " + moved.user() + " moved from " + moved.from() + " to "
                    + moved.to() + " (" + moved.manifest() + ")"
                    + (moved.oldVolumeKept() ? "; the old volume is kept on " + moved.from() + "." : "."));
        }
        return 0;
    }

    static String json(AccountMover.Moved m) {
        return "{\"user\":" + Json.quote(m.user().value()) + ",\"from\":" + Json.quote(m.from()) + ",\"to\":"
                + Json.quote(m.to()) + ",\"files\":" + m.manifest().files() + ",\"messages\":"
                + m.manifest().messages() + ",\"oldVolumeKept\":" + m.oldVolumeKept() + "}";
    }
}
