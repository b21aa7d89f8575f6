package org.mailstack.imap.command;

import java.util.Locale;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.session.ImapSession;

/**
 * ENABLE (RFC 5161): CONDSTORE, QRESYNC (which implies CONDSTORE, RFC 7162 section 3.2.3) and IMAP4rev2
 * (RFC 9051 section 6.3.1) can be enabled;
 * unknown names are ignored, as the RFC requires. ENABLED lists what this command newly enabled.
 */
final class EnableCommand implements ImapCommand {

    @Override
    public Completion execute(ImapSession s, Request r) {
        StringBuilder enabled = new StringBuilder();
        do {
            String name = r.args().atom().toUpperCase(Locale.ROOT);
            for (ImapSession.Extension e : ImapSession.Extension.values()) {
                if (name.equals(e.name()) && !s.isEnabled(e)) {
                    s.enable(e);
                    enabled.append(' ').append(e.wireName());
                }
            }
        } while (r.args().consume(' '));
        r.args().end();
        ImapWriter w = s.writer();
        w.untagged().raw("ENABLED" + enabled).crlf();
        return Completion.ok("Enabled.");
    }
}
