package org.mailstack.imap.command;

import java.util.ArrayList;
import java.util.List;
import org.mailstack.imap.parse.ImapReader;
import org.mailstack.imap.parse.ParseException;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.session.ImapSession;

/**
 * CANCELUPDATE (RFC 5267 section 4.3.2): {@code CANCELUPDATE "tag" *(SP "tag")} stops updating the results of
 * those commands' {@code RETURN (UPDATE)}; a tag without one is ignored.
 */
final class CancelUpdateCommand implements ImapCommand {

    @Override
    public Completion execute(ImapSession s, Request r) {
        ImapReader a = r.args();
        List<String> tags = new ArrayList<>();
        do {
            if (a.peek() != '"') {
                throw new ParseException("Expected a quoted tag");
            }
            tags.add(a.string());
        } while (a.consume(' '));
        a.end();
        tags.forEach(s.selected()::cancelContext);
        return Completion.ok("Updates cancelled.");
    }
}
