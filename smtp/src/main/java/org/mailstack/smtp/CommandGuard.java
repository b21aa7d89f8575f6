package org.mailstack.smtp;

import java.io.IOException;

import org.mailstack.core.text.SafeText;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * Stands in front of every command of the table: charges the {@link SessionBudget}, and refuses a command line with
 * a control character (core's {@link SafeText#hasControl}: NUL, ESC, DEL, C1 and the like; TAB passes as white
 * space) with {@code 501 5.5.2}, so that no command, address or EHLO name carries one into a reply, a log line or a
 * header.
 */
final class CommandGuard implements Command {
    private final Command wrapped;
    private final SessionBudget budget;

    CommandGuard(Command wrapped, SessionBudget budget) {
        this.wrapped = wrapped;
        this.budget = budget;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        budget.spend(session, getName());
        if (SafeText.hasControl(commandString)) {
            session.sendResponse("501 5.5.2 Syntax error: control character in command");
            return;
        }
        int recipients = session.getRecipientCount();
        wrapped.execute(commandString, session);
        if (session.getRecipientCount() > recipients) {
            budget.refund(session);
        }
    }

    @Override
    public HelpMessage getHelp() throws CommandException {
        return wrapped.getHelp();
    }

    @Override
    public String getName() {
        return wrapped.getName();
    }
}
