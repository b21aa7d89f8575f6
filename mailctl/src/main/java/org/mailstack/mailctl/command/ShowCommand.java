package org.mailstack.mailctl.command;

import org.mailstack.mailctl.account.AccountLister;
import org.mailstack.mailctl.account.AccountNaming;
import org.mailstack.mailctl.account.AccountView;
import org.mailstack.mailctl.account.Swarm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailctl show USER}: one account. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one account.")
public final class ShowCommand extends Verb {
    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Option(names = "--no-usage", description = "Skip measuring Maildir size and messages (a helper container).")
    boolean noUsage;

    @Override
    public Integer call() {
        AccountView view;
        try (Swarm swarm = app.openSwarm()) {
            view = new AccountLister(swarm, app.settings()).show(AccountNaming.validate(user), app.domain(), !noUsage);
        }
        out().print(json ? Json.account(view) + "\n" : AccountTable.details(view));
        out().flush();
        return 0;
    }
}
