package org.mailstack.smtp;

import java.io.IOException;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.io.DotTerminatedInputStream;
import org.subethamail.smtp.internal.io.DotUnstuffingInputStream;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * DATA (RFC 5321 section 4.1.1.4): the body up to {@code <CRLF>.<CRLF>}, dot-unstuffed, to the message handler
 * through {@link BodyReceiver}. A connection that ends before the final dot delivers nothing. No Received header is
 * inserted here: each listener writes its own.
 */
final class DataCommand extends BaseCommand {
    private final SessionBudget budget;

    DataCommand(SessionBudget budget) {
        super("DATA", "Following text is collected as the message.\nEnd data with <CR><LF>.<CR><LF>");
        this.budget = budget;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (!session.isMailTransactionInProgress()) {
            session.sendResponse("503 5.5.1 Error: need MAIL command");
            return;
        }
        if (session.getRecipientCount() == 0) {
            session.sendResponse("503 5.5.1 Error: need RCPT command");
            return;
        }
        if (!getArgPredicate(commandString).isEmpty()) {
            session.sendResponse("501 5.5.4 Syntax: DATA");
            return;
        }
        session.sendResponse("354 End data with <CR><LF>.<CR><LF>");
        ClientBody body = new ClientBody(new DotUnstuffingInputStream(new DotTerminatedInputStream(
                session.getRawInput())));
        BodyReceiver.receive(session, body, budget);
    }
}
