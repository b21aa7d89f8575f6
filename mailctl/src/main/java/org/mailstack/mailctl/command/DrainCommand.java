package org.mailstack.mailctl.command;

import java.util.ArrayList;
import java.util.List;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.account.AccountMover;
import org.mailstack.mailctl.account.AccountNaming;
import org.mailstack.mailctl.account.AccountService;
import org.mailstack.mailctl.account.Placement;
import org.mailstack.mailctl.account.Swarm;
import org.mailstack.mailctl.account.SwarmNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailctl drain NODE --to NODE}: moves every account off a drained node, one {@code move} each (ADR 12). */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = {"Moves every account of a drained node, with its mail, to another node (one move each, see"
                + " mailctl move --help).",
                "Drain the node first (docker node update --availability drain NODE), so that no new account lands"
                        + " there. Stops at the first account that cannot be moved; the ones moved stay moved."},
        footer = {"", "Exit codes: 0 all moved; 1 node not drained, or a move failed (as mailctl move); 2 bad usage"
                + " or an endpoint that is another node; 3 Docker or a node's endpoint unreachable; 4 no space."})
public final class DrainCommand extends Verb {
    @Parameters(index = "0", paramLabel = "NODE", description = "The drained node (id or hostname).")
    String node;

    @Option(names = "--to", required = true, paramLabel = "NODE", description = "Where the accounts go.")
    String to;

    /** --from-docker (the drained node), --to-docker, --keep-old-volume, --timeout. */
    @Mixin
    MoveOptions options;

    @Override
    public Integer call() {
        try (Swarm manager = app.openSwarm(); MoveOptions nodes = options) {
            AccountMover mover = nodes.mover(app, manager);
            manager.requireManager();
            SwarmNode drained = Placement.named(manager.nodes(), node);
            if (drained.available()) {
                throw MailctlException.operation("node " + drained.hostname() + " is still active: drain it first"
                        + " (docker node update --availability drain " + drained.hostname() + ")");
            }
            List<String> users = manager.accountServices().stream()
                    .filter(a -> drained.id().equals(a.nodeId())).map(AccountService::user).sorted().toList();
            AccountMover.Endpoints pair = nodes.open(app, manager);
            List<String> moved = new ArrayList<>();
            for (String user : users) {
                try {
                    mover.move(AccountNaming.validate(user), to, pair, nodes.keepOldVolume, progress());
                } catch (MailctlException e) {
                    throw new MailctlException(e.exitCode(), e.getMessage() + " (moved before: "
                            + (moved.isEmpty() ? "none" : String.join(", ", moved)) + ")", e);
                }
                moved.add(user);
                out().println("moved " + user);
            }
            out().println(moved.isEmpty() ? "No account on " + drained.hostname() + "."
                    : "Moved " + moved.size() + " account(s) off " + drained.hostname() + ".");
        }
        return 0;
    }
}
