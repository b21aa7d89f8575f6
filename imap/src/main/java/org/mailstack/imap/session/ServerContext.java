package org.mailstack.imap.session;

import org.mailstack.core.auth.LoginLimiter;
import org.mailstack.core.auth.OriginProof;
import org.mailstack.imap.spi.Authenticator;
import org.mailstack.imap.spi.StoreProvider;

/**
 * What all sessions of one server share.
 *
 * @param relayProof checks a relay's claim of its client's address (ADR 18); null when no relay is trusted
 * @param maxMessageSize the largest message an APPEND may store (octets), also one built by CATENATE
 */
public record ServerContext(Authenticator authenticator, StoreProvider stores, LoginLimiter limiter,
                            OriginProof relayProof, StructureCache structures, HeaderCache headers,
                            boolean allowPlainLogin, String hostName, long maxMessageSize) {
}
