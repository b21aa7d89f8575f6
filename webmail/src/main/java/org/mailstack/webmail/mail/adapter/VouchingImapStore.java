package org.mailstack.webmail.mail.adapter;

import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.net.InetSocketAddress;
import java.util.Map;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.mailstack.core.auth.OriginProof;

/**
 * An IMAP store that, on each connection it opens and before logging in, tells the account's server which browser
 * the login is for (ADR 18): {@code ID NIL} to learn the connection's nonce, then the browser's address and port with
 * the proof over it (RFC 2971). A server that gives no nonce is told nothing.
 */
final class VouchingImapStore extends IMAPStore {
    private final OriginProof proof;
    private final InetSocketAddress client;

    /** @param protocol {@code imap} (STARTTLS or plain) or {@code imaps} */
    VouchingImapStore(Session session, String protocol, OriginProof proof, InetSocketAddress client) {
        super(session, new URLName(protocol, null, -1, null, null, null), protocol, "imaps".equals(protocol));
        this.proof = proof;
        this.client = client;
    }

    @Override
    protected void preLogin(IMAPProtocol p) throws ProtocolException {
        Map<String, String> server = p.id((Map<String, String>) null);
        String nonce = server == null ? null : server.get(OriginProof.NONCE);
        if (nonce != null) {
            p.id(proof.fields(client, nonce));
        }
    }
}
