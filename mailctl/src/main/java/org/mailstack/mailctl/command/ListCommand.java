package org.mailstack.mailctl.command;

import java.util.List;
import org.mailstack.mailctl.account.AccountLister;
import org.mailstack.mailctl.account.AccountView;
import org.mailstack.mailctl.account.Swarm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mailctl list}: every account with its node, state, health and Maildir usage. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the accounts: user, address, node, arch, state, health, Maildir size, messages, created.")
public final class ListCommand extends Verb {
    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Option(names = "--no-usage", description = "Skip measuring Maildir size and messages (a helper container per list).")
    boolean noUsage;

    @Override
    public Integer call() {
        List<AccountView> views;
        try (Swarm swarm = app.openSwarm()) {
            views = new AccountLister(swarm, app.settings()).list(app.domain(), !noUsage);
        }
        out().print(json ? Json.accounts(views) + "\n" : AccountTable.table(views));
        out().flush();
        return 0;
    }
}
