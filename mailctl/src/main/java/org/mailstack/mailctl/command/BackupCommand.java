package org.mailstack.mailctl.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mailstack.mailctl.ExitCode;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.account.Swarm;
import org.mailstack.mailctl.backup.AccountBackup;
import org.mailstack.mailctl.backup.SystemBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailctl backup USER...|--all|--system --to DIR}: one archive per running account, or of the main system. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Writes one archive per account while it runs, NAME-UTC.mailstack-backup.tar in DIR (mode"
                + " 0600): its whole home volume (the Maildir with UIDs, UIDVALIDITY, flags and keywords; the Sieve"
                + " rules; SSH keys), its password hash and its settings. The relay secret is left out: mailctl"
                + " restore derives a new one.",
                "The account's container is paused while its volume is copied, so the copy is one moment of it; mail"
                        + " for it waits in the main queue meanwhile and nothing is lost.",
                "--system saves the main system instead: its state volume (DKIM key, certificate), its queue, and the"
                        + " relay key.",
                "Volumes are local to a node: accounts on another node are backed up with that node's Docker endpoint"
                        + " (--from-docker; with --all, every account on that node).",
                "Archive paths go to stdout, progress to stderr."},
        footer = {"", "Exit codes: 0 all written; 1 an account could not be backed up (unknown, not running on this"
                + " node; the others are still written); 2 bad usage or name; 3 Docker unreachable or the image"
                + " missing; 4 no space in DIR."})
public final class BackupCommand extends Verb {
    @Parameters(paramLabel = "USER", arity = "0..*", description = "Accounts to back up.")
    List<String> users = new ArrayList<>();

    @Option(names = "--all", description = "Every account.")
    boolean all;

    @Option(names = "--system", description = "The main system's state, queue and relay key instead of accounts.")
    boolean system;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "Where the archives go.")
    Path dir;

    @Option(names = "--from-docker", paramLabel = "URL",
            description = "Docker endpoint of the node the accounts run on (default: the manager's).")
    String fromDocker;

    @Option(names = "--json", description = "Print a JSON array of the results instead of paths.")
    boolean json;

    @Override
    public Integer call() {
        if (system ? all || !users.isEmpty() : all == !users.isEmpty()) {
            throw MailctlException.usage("name accounts, or give --all, or --system alone");
        }
        List<AccountBackup.Outcome> outcomes;
        if (system && fromDocker != null) {
            throw MailctlException.usage("the main system is backed up through the manager: --from-docker is for"
                    + " accounts");
        }
        try (Swarm swarm = app.openSwarm(); Swarm node = fromDocker == null ? null : app.openSwarm(fromDocker)) {
            outcomes = system ? List.of(new SystemBackup(swarm, app.settings(), app.clock()).backup(dir, progress()))
                    : new AccountBackup(swarm, node == null ? swarm : node, app.settings(), app.clock())
                            .backup(users, dir, progress());
        }
        if (json) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < outcomes.size(); i++) {
                AccountBackup.Outcome o = outcomes.get(i);
                sb.append(i == 0 ? "\n  " : ",\n  ").append("{\"user\":").append(Json.quote(o.user()))
                        .append(",\"archive\":").append(o.archive() == null ? "null" : Json.quote(o.archive().toString()))
                        .append(",\"files\":").append(o.files()).append(",\"messages\":").append(o.messages())
                        .append(",\"error\":").append(o.error() == null ? "null" : Json.quote(o.error())).append("}");
            }
            out().println(sb.append(outcomes.isEmpty() ? "]" : "\n]"));
        } else {
            outcomes.stream().filter(o -> !o.failed()).forEach(o -> out().println(o.archive()));
        }
        out().flush();
        long failed = outcomes.stream().filter(AccountBackup.Outcome::failed).count();
        if (failed > 0) {
            spec.commandLine().getErr().println("error: " + failed + " of " + outcomes.size() + " account(s) could"
                    + " not be backed up (the reasons are above)");
            return ExitCode.OPERATION.code();
        }
        return 0;
    }
}
