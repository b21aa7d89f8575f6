package org.mailstack.imap.command;

import org.mailstack.imap.response.Completion;
import org.mailstack.imap.session.ImapSession;

/**
 * COMPRESS DEFLATE (RFC 4978 section 3), in the authenticated and selected states: {@code OK} and then raw DEFLATE
 * both ways; another mechanism or a malformed command is {@code BAD}; a second COMPRESS is
 * {@code NO [COMPRESSIONACTIVE]}, and nothing changes.
 */
final class CompressCommand implements ImapCommand {

    @Override
    public Completion execute(ImapSession s, Request r) {
        String mechanism = r.args().atom();
        r.args().end();
        if (!mechanism.equalsIgnoreCase("DEFLATE")) {
            return Completion.bad("Unknown compression mechanism.");
        }
        if (s.transport().isCompressed()) {
            return Completion.no("COMPRESSIONACTIVE", "DEFLATE is active already.");
        }
        s.transport().startCompression(r.tag() + " OK DEFLATE active\r\n");
        return null;
    }
}
