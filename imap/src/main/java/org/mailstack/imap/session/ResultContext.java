package org.mailstack.imap.session;

import java.io.IOException;

/**
 * A SEARCH or SORT result the client asked the server to keep up to date with {@code RETURN (UPDATE)} (RFC 5267
 * section 4.3), held by the selected mailbox under the tag of the command that made it.
 */
public interface ResultContext {
    /**
     * Sends {@code ESEARCH ... ADDTO/REMOVEFROM} for the messages that joined or left the result since the last
     * call; called after the mailbox's changes were announced, so only messages the client knows of are named.
     *
     * @throws IOException when the result can no longer be kept: the context is then dropped ({@code NOUPDATE})
     */
    void update() throws IOException;
}
