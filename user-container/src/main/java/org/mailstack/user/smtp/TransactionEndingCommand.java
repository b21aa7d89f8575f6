package org.mailstack.user.smtp;

import java.io.IOException;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * Wraps DATA and BDAT so that a refused message ends the mail transaction, as RFC 5321 section 3.3 requires.
 * SubEthaSMTP resets the transaction only after success: after a {@code 552} the client's next MAIL would get
 * "503 Sender already specified" unless it sent RSET first.
 */
final class TransactionEndingCommand implements Command {
    private final Command wrapped;

    TransactionEndingCommand(Command wrapped) {
        this.wrapped = wrapped;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        wrapped.execute(commandString, session);
        if (session.isMailTransactionInProgress()
                && session.getMessageHandler() instanceof ReceiverHandler handler && handler.dataAttempted()) {
            session.resetMailTransaction();
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
