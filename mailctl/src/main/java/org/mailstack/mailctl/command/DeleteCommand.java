package org.mailstack.mailctl.command;

import java.nio.file.Path;
import org.mailstack.core.account.AccountName;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.account.AccountNaming;
import org.mailstack.mailctl.account.AccountRemover;
import org.mailstack.mailctl.account.Swarm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailctl delete USER}: removes the account; by default its Maildir is archived first. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Deletes an account's service and secrets.",
                "By default the Maildir volume is first exported to a tar archive (its path is printed), then removed.",
                "An account on another node than the one mailctl talks to is deleted only with --keep-volume (its"
                        + " volume stays on that node), or after mailctl move."})
public final class DeleteCommand extends Verb {
    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Option(names = "--archive-dir", paramLabel = "DIR",
            description = "Where the archive goes (default: archives/ in the data directory, --data-dir).")
    Path archiveDir;

    @Option(names = "--keep-volume", description = "Keep the Maildir volume instead of archiving and removing it.")
    boolean keepVolume;

    @Option(names = "--purge", description = "Delete the mail for good, without an archive (asks to confirm).")
    boolean purge;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (with --purge).")
    boolean yes;

    @Override
    public Integer call() {
        if (keepVolume && purge) {
            throw MailctlException.usage("--keep-volume and --purge exclude each other");
        }
        AccountRemover.Mode mode = purge ? AccountRemover.Mode.PURGE
                : keepVolume ? AccountRemover.Mode.KEEP_VOLUME : AccountRemover.Mode.ARCHIVE;
        try (Swarm swarm = app.openSwarm()) {
            AccountRemover remover = new AccountRemover(swarm, app.settings(), await(), app.clock());
            AccountName name = AccountNaming.validate(user);
            remover.requireExists(name);
            if (purge && !yes) {
                confirm();
            }
            AccountRemover.Removed removed = remover.delete(name, mode,
                    archiveDir != null ? archiveDir : app.settings().archiveDir(), progress());
            if (removed.archive() != null) {
                out().println(removed.archive());
            } else {
                out().println("Account " + user + " deleted" + (removed.volumeKept() ? "; its volume is kept." : "."));
            }
        }
        return 0;
    }

    private void confirm() {
        String answer = app.terminal().readLine("Delete " + user + " and all its mail for good? Type the name to confirm: ");
        if (answer == null) {
            throw MailctlException.usage("no terminal to confirm --purge: add --yes");
        }
        if (!answer.strip().equals(user)) {
            throw MailctlException.operation("not confirmed; nothing was deleted");
        }
    }
}
