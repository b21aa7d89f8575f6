package org.mailstack.smtp;

import java.util.List;

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
 *       ({@link BodyReceiver});</li>
 *   <li>MAIL answered {@code SIZE=99999999999999} with 421 (an uncaught exception), ignored {@code SIZE=abc} and
 *       unknown parameters, and took a path without its closing {@code >} ({@link MailCommand},
 *       {@link RcptCommand}, {@link EnvelopeArgument});</li>
 *   <li>EHLO took any argument and kept offering STARTTLS once TLS was on ({@link HelloCommand});</li>
 *   <li>STARTTLS inside TLS got 454, a temporary error ({@link StartTlsCommand});</li>
 *   <li>control characters in commands reached replies, logs and headers, and a session could send commands
 *       without end ({@link CommandGuard}, {@link SessionBudget}).</li>
 * </ul>
 * The guards SubEthaSMTP puts around its commands (TLS required, AUTH required) are kept where they were.
 */
public final class SmtpCommands {
    private SmtpCommands() {
    }

    /** Replaces the commands of {@code server}'s table and puts every command behind the session budget. */
    public static void install(SMTPServer server) {
        CommandHandler table = server.getCommandHandler();
        SessionBudget budget = new SessionBudget();
        table.addCommand(new HelloCommand(true));
        table.addCommand(new RequireTLSCommandWrapper(new HelloCommand(false)));
        table.addCommand(new StartTlsCommand());
        table.addCommand(guarded(new MailCommand()));
        table.addCommand(guarded(new RcptCommand()));
        table.addCommand(guarded(new DataCommand(budget)));
        // not guarded: a 530 would leave the chunk's octets to be read as commands; BDAT needs a transaction,
        // which only a guarded MAIL starts, and refuses anything else by closing the connection
        table.addCommand(new BdatCommand(budget));
        for (String verb : List.copyOf(table.getVerbs())) {
            table.addCommand(new CommandGuard(table.getCommand(verb), budget));
        }
    }

    private static Command guarded(Command command) {
        return new RequireAuthCommandWrapper(new RequireTLSCommandWrapper(command));
    }
}
