package org.mailstack.imap.session;

import org.mailstack.imap.server.Authenticator;
import org.mailstack.imap.server.StoreProvider;

/** What all sessions of one server share. */
public record ServerContext(Authenticator authenticator, StoreProvider stores, LoginThrottle throttle,
                            StructureCache structures, boolean allowPlainLogin, String hostName) {
}
