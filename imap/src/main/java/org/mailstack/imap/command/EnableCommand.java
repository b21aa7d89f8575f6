package org.mailstack.imap.command;

import java.util.Locale;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.session.ImapSession;

/** ENABLE (RFC 5161): only CONDSTORE can be enabled; unknown names are ignored, as the RFC requires. */
final class EnableCommand implements ImapCommand {

    @Override
    public Completion execute(ImapSession s, Request r) {
        StringBuilder enabled = new StringBuilder();
        do {
            String name = r.args().atom().toUpperCase(Locale.ROOT);
            if (name.equals("CONDSTORE") && !s.isEnabled(ImapSession.Extension.CONDSTORE)) {
                s.enable(ImapSession.Extension.CONDSTORE);
                enabled.append(" CONDSTORE");
            }
        } while (r.args().consume(' '));
        r.args().end();
        ImapWriter w = s.writer();
        w.untagged().raw("ENABLED" + enabled).crlf();
        return Completion.ok("Enabled.");
    }
}
