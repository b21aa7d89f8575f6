package org.mailstack.imap.command;

import org.mailstack.imap.parse.ParseException;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.session.ImapSession;

/** ID (RFC 2971): the client's fields are read and ignored; the server names itself. */
final class IdCommand implements ImapCommand {

    @Override
    public Completion execute(ImapSession s, Request r) {
        var a = r.args();
        if (!a.consumeNil()) {
            a.expect('(');
            int fields = 0;
            if (!a.consume(')')) {
                do {
                    a.string();
                    a.sp();
                    a.nstring();
                    if (++fields > 30) {
                        throw new ParseException("Too many ID fields");
                    }
                } while (a.consume(' '));
                a.expect(')');
            }
        }
        a.end();
        s.writer().untagged().raw("ID (\"name\" \"mailstack\")").crlf();
        return Completion.ok("ID completed.");
    }
}
