package org.mailstack.mailctl.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.mailstack.mailctl.ExitCode;
import org.mailstack.mailctl.account.AccountUpgrader;
import org.mailstack.mailctl.account.Swarm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mailctl upgrade [USER...|--all]}: every account onto the current user-container image and a relay secret
 * from the current relay key, one at a time; exit 1 when an account had to go back to its old image.
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = {"Rolls accounts onto the current user-container image (--image) and gives each its own relay"
                + " secret from the current relay key, one account at a time, each waited for until healthy.",
                "An account whose new container does not become healthy goes back to its old image and is reported"
                        + " (exit 1). Mail for an account waits in the main queue while it restarts.",
                "Run by ./mailstack up."})
public final class UpgradeCommand extends Verb {
    @Parameters(paramLabel = "USER", arity = "0..*", description = "Accounts to upgrade (default with --all: every one).")
    List<String> users = new ArrayList<>();

    @Option(names = "--all", description = "Every account.")
    boolean all;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180",
            description = "How long to wait for each account to become healthy (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--json", description = "Print a JSON array of the outcomes instead of lines.")
    boolean json;

    @Override
    public Integer call() {
        if (all == !users.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name accounts, or give --all");
        }
        List<AccountUpgrader.Outcome> outcomes;
        try (Swarm swarm = app.openSwarm()) {
            outcomes = new AccountUpgrader(swarm,
                    app.settings().withHealthTimeout(Duration.ofSeconds(timeoutSeconds)), waiter(swarm), app.clock())
                    .upgrade(users, progress());
        }
        if (json) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < outcomes.size(); i++) {
                AccountUpgrader.Outcome o = outcomes.get(i);
                sb.append(i == 0 ? "\n  " : ",\n  ").append("{\"user\":").append(Json.quote(o.user()))
                        .append(",\"from\":").append(Json.quote(o.from())).append(",\"to\":").append(Json.quote(o.to()))
                        .append(",\"result\":").append(Json.quote(o.result())).append(",\"reason\":")
                        .append(o.reason() == null ? "null" : Json.quote(o.reason())).append("}");
            }
            out().println(sb.append(outcomes.isEmpty() ? "]" : "\n]"));
        } else {
            for (AccountUpgrader.Outcome o : outcomes) {
                out().println(o.user() + ": " + o.result() + (o.reason() == null ? "" : " (" + o.reason() + ")"));
            }
        }
        out().flush();
        long failed = outcomes.stream().filter(AccountUpgrader.Outcome::failed).count();
        if (failed > 0) {
            spec.commandLine().getErr().println("error: " + failed + " account(s) could not be upgraded and run their"
                    + " old image (listed above); see 'docker service ps --no-trunc user-NAME'");
            return ExitCode.OPERATION.code();
        }
        return 0;
    }
}
