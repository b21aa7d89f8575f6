package org.mailstack.mailctl.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.account.AccountCreator;
import org.mailstack.mailctl.account.Swarm;
import org.mailstack.mailctl.backup.AccountRestorer;
import org.mailstack.mailctl.backup.BackupFile;
import org.mailstack.mailctl.backup.BackupManifest;
import org.mailstack.mailctl.backup.SystemRestorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailctl restore FILE}: makes an account again from its backup, or puts the main system's state back. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Makes an account again from an archive of mailctl backup, on this stack or another one: the"
                + " same mail with the same UIDs, flags and keywords, Sieve rules, SSH keys and password; a new relay"
                + " secret from this stack's relay key.",
                "The whole archive is checked first (its manifest, the SHA-256 of every part, every path of the"
                        + " home): a damaged, foreign or unsafe archive changes nothing. An account of that name must"
                        + " not exist (mailctl delete it first).",
                "The account goes on the node mailctl talks to, or on --node; another node than the manager's needs"
                        + " its Docker endpoint (--to-docker), where the volume is made and filled.",
                "A backup of the main system (backup --system) is put back while the stack is down: its state and"
                        + " queue volumes on this node, and the relay key when the data directory has none. Restore it"
                        + " before the accounts, then run ./mailstack up."},
        footer = {"", "Exit codes: 0 restored (an account: and healthy); 1 the account exists, the main system runs, the archive is damaged, not a"
                + " mailstack backup or unsafe (nothing was made), or the container did not become healthy (the"
                + " account stays, as after create); 2 bad usage, FILE missing or unreadable; 3 Docker unreachable,"
                + " the stack not up or the image missing; 4 no space on the node."})
public final class RestoreCommand extends Verb {
    @Parameters(index = "0", paramLabel = "FILE", description = "An archive of mailctl backup.")
    Path file;

    @Option(names = "--node", paramLabel = "NODE", description = "Place on this node (id or hostname).")
    String node;

    @Option(names = "--to-docker", paramLabel = "URL",
            description = "Docker endpoint of that node (default: the manager's).")
    String toDocker;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "90",
            description = "How long to wait until the container is healthy (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print the result as a JSON object.")
    boolean json;

    @Override
    public Integer call() {
        if (timeoutSeconds <= 0) {
            throw MailctlException.usage("--timeout must be a positive number of seconds");
        }
        if (BackupManifest.SYSTEM.equals(BackupFile.manifest(file).kind())) {
            return restoreSystem();
        }
        AccountRestorer.Restored restored;
        try (Swarm swarm = app.openSwarm(); Swarm target = toDocker == null ? null : app.openSwarm(toDocker)) {
            restored = new AccountRestorer(swarm,
                    app.settings().withHealthTimeout(Duration.ofSeconds(timeoutSeconds)), waiter(swarm), app.clock())
                    .restore(file, node, target, progress());
        }
        AccountCreator.Created a = restored.account();
        String domain = restored.manifest().domain();
        if (!domain.equals(app.domain())) {
            progress().step("note: the account keeps its domain " + domain + ", which is not this stack's ("
                    + app.domain() + ")");
        }
        if (json) {
            out().println("{\"user\":" + Json.quote(a.user().value()) + ",\"address\":"
                    + Json.quote(a.address().toString())
                    + ",\"node\":" + Json.quote(a.node().hostname()) + ",\"sshPort\":" + a.sshPort()
                    + ",\"files\":" + restored.manifest().files() + ",\"messages\":" + restored.manifest().messages()
                    + ",\"backedUp\":" + Json.quote(restored.manifest().backedUp()) + "}");
        } else {
            AccountSummary.print(out(), a, domain, app.mailHost(), "the password it had when backed up");
        }
        out().flush();
        return 0;
    }

    private int restoreSystem() {
        if (node != null || toDocker != null) {
            throw MailctlException.usage("a backup of the main system goes back on the node mailctl talks to:"
                    + " --node and --to-docker are for accounts");
        }
        List<String> restored;
        try (Swarm swarm = app.openSwarm()) {
            restored = new SystemRestorer(swarm, app.settings()).restore(file, progress());
        }
        progress().step("The main system's state is back: start it with ./mailstack up, then restore the accounts");
        out().println(json ? "{\"system\":true,\"restored\":[" + String.join(",", restored.stream().map(Json::quote)
                .toList()) + "]}" : String.join("\n", restored));
        out().flush();
        return 0;
    }
}
