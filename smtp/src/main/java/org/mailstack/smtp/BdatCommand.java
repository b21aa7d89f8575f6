package org.mailstack.smtp;

import java.io.IOException;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * BDAT (RFC 3030, the CHUNKING extension): the message in chunks of a declared size, read by {@link ChunkedBody}
 * and handed to the message handler through {@link BodyReceiver}. A chunk size that is malformed ({@code 501}) or
 * takes the message over the server's limit ({@code 552 5.3.4}) is refused at once, before any of its octets is
 * read, and so is BDAT outside a transaction ({@code 503}); the connection is then closed, because the octets that
 * follow cannot be told from commands.
 */
final class BdatCommand extends BaseCommand {
    private final SessionBudget budget;

    BdatCommand(SessionBudget budget) {
        super("BDAT", "A sequence of BDAT chunks is collected as the data of the message.", "size [LAST]");
        this.budget = budget;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (!session.isMailTransactionInProgress()) {
            throw new DropConnectionException(503, "5.5.1 Error: need MAIL command");
        }
        if (session.getRecipientCount() == 0) {
            throw new DropConnectionException(503, "5.5.1 Error: need RCPT command");
        }
        int limit = session.getServer().getMaxMessageSize();
        long max = limit > 0 ? limit : Long.MAX_VALUE;
        Chunk first;
        try {
            first = Chunk.parse(getArgPredicate(commandString), 0, max);
        } catch (ChunkRefusal refusal) {
            throw refusal.drop();
        }
        BodyReceiver.receive(session, new ClientBody(new ChunkedBody(session, first, max)), budget);
    }
}
