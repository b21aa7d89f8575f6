package org.mailstack.smtp;

import java.io.IOException;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * RCPT TO (RFC 5321 section 4.1.1.3) with the path in angle brackets and no parameters (no DSN here): a malformed
 * argument is {@code 501 5.5.4}, a parameter {@code 555 5.5.4}, one recipient over the server's limit
 * {@code 452 4.5.3}. The address itself is the message handler's to judge.
 */
final class RcptCommand extends BaseCommand {
    RcptCommand() {
        super("RCPT", "Specifies a recipient. Can be used any number of times.", "TO:<recipient>");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (!session.isMailTransactionInProgress()) {
            session.sendResponse("503 5.5.1 Error: need MAIL command");
            return;
        }
        int max = session.getServer().getMaxRecipients();
        if (max >= 0 && session.getRecipientCount() >= max) {
            session.sendResponse("452 4.5.3 Too many recipients");
            return;
        }
        EnvelopeArgument argument;
        try {
            argument = EnvelopeArgument.parse(getArgPredicate(commandString), "TO:");
        } catch (EnvelopeArgument.Malformed e) {
            session.sendResponse("501 5.5.4 Syntax: RCPT TO:<address>");
            return;
        }
        if (!argument.parameters().isEmpty()) {
            session.sendResponse("555 5.5.4 Unsupported parameter");
            return;
        }
        try {
            session.getMessageHandler().recipient(argument.address());
        } catch (DropConnectionException e) {
            throw e;
        } catch (RejectException e) {
            session.sendResponse(e.getErrorResponse());
            return;
        }
        session.addRecipient(argument.address());
        session.sendResponse("250 Ok");
    }
}
