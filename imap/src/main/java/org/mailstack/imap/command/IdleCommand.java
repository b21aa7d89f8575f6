package org.mailstack.imap.command;

import java.util.concurrent.TimeUnit;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.session.Continuation;
import org.mailstack.imap.session.ImapSession;
import org.mailstack.imap.session.SessionState;

/**
 * IDLE (RFC 2177): answers {@code + idling}, then announces mailbox changes as they happen (checking every
 * {@link #POLL_MILLIS} ms, which costs two directory checks when nothing changed) until the client sends DONE.
 */
final class IdleCommand implements ImapCommand {
    static final long POLL_MILLIS = 1000;


    @Override
    public Completion execute(ImapSession s, Request r) {
        r.args().end();
        s.writer().raw("+ idling").crlf().flush();
        AutoCloseable poller = s.transport().scheduleRepeating(() -> {
            if (s.state() == SessionState.SELECTED && s.continuation() != null) {
                s.announceChanges(false);
                s.writer().flush();
            }
        }, POLL_MILLIS, TimeUnit.MILLISECONDS);
        String tag = r.tag();
        s.continuation(new Continuation(tag) {
            @Override
            public Completion line(String line) {
                stop();
                if (line.equalsIgnoreCase("DONE")) {
                    return Completion.ok("Idle completed.");
                }
                return Completion.bad("Expected DONE.");
            }

            @Override
            public void abort() {
                stop();
            }

            private void stop() {
                try {
                    poller.close();
                } catch (Exception e) {
                    // a cancelled timer cannot fail meaningfully
                }
            }
        });
        return null;
    }
}
