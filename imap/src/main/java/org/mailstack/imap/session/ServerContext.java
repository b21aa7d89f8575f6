package org.mailstack.imap.session;

import org.mailstack.imap.server.Authenticator;
import org.mailstack.imap.server.StoreProvider;

/** What all sessions of one server share. */
public record ServerContext(Authenticator authenticator, StoreProvider stores, LoginThrottle throttle,
                            StructureCache structures, HeaderCache headers, boolean allowPlainLogin,
                            String hostName) {
}
