package org.mailstack.imap.command;

import org.mailstack.imap.response.Completion;
import org.mailstack.imap.session.ImapSession;
import org.mailstack.imap.session.SessionState;

/** The commands without arguments that only answer: CAPABILITY, NOOP, LOGOUT, CHECK, NAMESPACE (RFC 3501, 2342). */
final class SimpleCommands {

    private SimpleCommands() {
    }

    /** CAPABILITY, RFC 3501 section 6.1.1. */
    static final class Capability implements ImapCommand {

        @Override
        public Completion execute(ImapSession s, Request r) {
            r.args().end();
            s.writer().untagged().raw("CAPABILITY ").raw(Capabilities.of(s)).crlf();
            return Completion.ok("Capability completed.");
        }
    }

    /** NOOP (RFC 3501 section 6.1.2) and CHECK (section 6.4.1): a full sync of the selected mailbox. */
    static final class Noop implements ImapCommand {
        private final String name;

        Noop(String name) {
            this.name = name;
        }


        @Override
        public Completion execute(ImapSession s, Request r) {
            r.args().end();
            if (s.state() == SessionState.SELECTED && !s.announceChanges(true)) {
                return null;
            }
            return Completion.ok(name + " completed.");
        }
    }

    /** LOGOUT, RFC 3501 section 6.1.3. */
    static final class Logout implements ImapCommand {


        @Override
        public Completion execute(ImapSession s, Request r) {
            r.args().end();
            s.writer().untagged().raw("BYE ").text("Logging out").crlf();
            s.logout();
            s.writer().tagged(r.tag(), Completion.ok("Logout completed."));
            s.transport().close();
            return null;
        }
    }

    /** NAMESPACE, RFC 2342: one personal namespace with the "/" delimiter. */
    static final class Namespace implements ImapCommand {

        @Override
        public Completion execute(ImapSession s, Request r) {
            r.args().end();
            s.writer().untagged().raw("NAMESPACE ((\"\" \"/\")) NIL NIL").crlf();
            return Completion.ok("Namespace completed.");
        }
    }
}
