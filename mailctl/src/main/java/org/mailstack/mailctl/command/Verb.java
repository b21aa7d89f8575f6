package org.mailstack.mailctl.command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.mailstack.mailctl.account.Await;
import org.mailstack.mailctl.account.HealthWaiter;
import org.mailstack.mailctl.account.Progress;
import org.mailstack.mailctl.account.Swarm;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every verb has: the parent's shared options, its output streams, progress on stderr. */
abstract class Verb implements Callable<Integer> {
    @ParentCommand
    Mailctl app;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Progress goes to stderr, so that stdout holds only the result (an address, an archive path, JSON). */
    Progress progress() {
        PrintWriter err = spec.commandLine().getErr();
        return line -> {
            err.println(line);
            err.flush();
        };
    }

    HealthWaiter waiter(Swarm swarm) {
        return new HealthWaiter(swarm, app.clock(), app.pause());
    }

    Await await() {
        return new Await(app.clock(), app.pause());
    }
}
