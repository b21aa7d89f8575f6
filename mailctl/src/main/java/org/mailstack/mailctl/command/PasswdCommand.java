package org.mailstack.mailctl.command;

import org.mailstack.core.account.AccountName;
import org.mailstack.mailctl.account.AccountLister;
import org.mailstack.mailctl.account.AccountNaming;
import org.mailstack.mailctl.account.PasswordChanger;
import org.mailstack.mailctl.account.Swarm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mailctl passwd USER}: a new password (a new secret; the container restarts with it). */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = "Sets a new password: stores a new secret, updates the service, removes the old secret.")
public final class PasswdCommand extends Verb {
    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Mixin
    PasswordOptions password;

    @Override
    public Integer call() {
        AccountName name = AccountNaming.validate(user);
        try (Swarm swarm = app.openSwarm()) {
            swarm.requireManager();
            swarm.accountService(name).orElseThrow(() -> AccountLister.unknown(name));
            byte[] hash = password.readHash(app);
            new PasswordChanger(swarm, app.settings().withHealthTimeout(password.timeout()),
                    waiter(swarm), app.clock()).change(name, hash, progress());
        }
        out().println("Password of " + user + " changed.");
        return 0;
    }
}
