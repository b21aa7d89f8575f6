package org.mailstack.imap.command;

import java.io.IOException;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.session.ImapSession;

/**
 * One IMAP command. The states it is valid in and whether changes may be announced after it are declared where
 * it is registered, in {@link CommandRegistry}, and checked by the {@link Dispatcher}.
 */
@FunctionalInterface
public interface ImapCommand {
    /**
     * Runs the command, writing untagged responses to the session's writer.
     *
     * @return the tagged completion, or null when the command continues with a {@link
     *         org.mailstack.imap.session.Continuation} (or a deferred answer) that will complete it
     */
    Completion execute(ImapSession session, Request request) throws IOException;
}
