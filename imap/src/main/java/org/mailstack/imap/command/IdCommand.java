package org.mailstack.imap.command;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mailstack.core.auth.OriginProof;
import org.mailstack.imap.parse.ParseException;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.session.ImapSession;
import org.mailstack.imap.session.SessionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ID (RFC 2971): the server names itself and the client's fields are ignored, with one exception (ADR 18): when the
 * server trusts a relay, its answer carries this connection's nonce ({@value OriginProof#NONCE}), and before login
 * the relay may report the address of the client it logs in for ({@value OriginProof#ADDRESS},
 * {@value OriginProof#PORT}) with a proof over that nonce ({@value OriginProof#PROOF}). Without a right proof the
 * fields change nothing: logins count under the connection's own address.
 */
final class IdCommand implements ImapCommand {
    private static final Logger LOG = LoggerFactory.getLogger(IdCommand.class);

    @Override
    public Completion execute(ImapSession s, Request r) {
        var a = r.args();
        Map<String, String> fields = new HashMap<>();
        if (!a.consumeNil()) {
            a.expect('(');
            int count = 0;
            if (!a.consume(')')) {
                do {
                    String name = a.string();
                    a.sp();
                    String value = a.nstring();
                    if (++count > 30) {
                        throw new ParseException("Too many ID fields");
                    }
                    fields.put(name.toLowerCase(Locale.ROOT), value);
                } while (a.consume(' '));
                a.expect(')');
            }
        }
        a.end();
        OriginProof relay = s.server().relayProof();
        if (relay != null && fields.containsKey(OriginProof.PROOF) && s.state() == SessionState.NOT_AUTHENTICATED) {
            Optional<InetSocketAddress> client = relay.verify(fields, s.nonce());
            if (client.isPresent()) {
                s.relayedFor(client.get().getAddress());
            } else {
                LOG.info("ID from {} with a relay proof that does not verify: ignored", s.transport().remoteAddress());
            }
        }
        String nonce = relay == null ? "" : " \"" + OriginProof.NONCE + "\" \"" + s.nonce() + "\"";
        s.writer().untagged().raw("ID (\"name\" \"mailstack\"" + nonce + ")").crlf();
        return Completion.ok("ID completed.");
    }
}
