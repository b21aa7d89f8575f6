package org.mailstack.smtp;

import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.internal.server.RequireAuthCommandWrapper;
import org.subethamail.smtp.internal.server.RequireTLSCommandWrapper;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The one place that decides which command classes a listener runs. SubEthaSMTP 7.2.2's own versions of these
 * commands have gaps found by a probe of this system, each fixed by the class named:
 * <ul>
 *   <li>BDAT delivered a message cut off by a disconnect, and accepted any chunk size ({@link BdatCommand});</li>
 *   <li>DATA and BDAT left the transaction open after a refusal, and left a refused body unread
 *       ({@link BodyReceiver}).</li>
 * </ul>
 * The guards SubEthaSMTP puts around its commands (TLS required, AUTH required) are kept where they were.
 */
public final class SmtpCommands {
    private SmtpCommands() {
    }

    /** Replaces the commands of {@code server}'s table. */
    public static void install(SMTPServer server) {
        CommandHandler table = server.getCommandHandler();
        table.addCommand(guarded(new DataCommand()));
        // not guarded: a 530 would leave the chunk's octets to be read as commands; BDAT needs a transaction,
        // which only a guarded MAIL starts, and refuses anything else by closing the connection
        table.addCommand(new BdatCommand());
    }

    private static Command guarded(Command command) {
        return new RequireAuthCommandWrapper(new RequireTLSCommandWrapper(command));
    }
}
