package org.mailstack.main.smtp;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import org.mailstack.main.metrics.Metrics;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/** Limits concurrent sessions per client address ({@code 421} beyond it) and counts connections per listener. */
final class CountingSessionHandler implements SessionHandler {
    private final String protocol;
    private final SessionHandler limiter;
    private final Metrics metrics;
    private final Set<Session> open = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    CountingSessionHandler(String protocol, int perClient, Metrics metrics) {
        this.protocol = protocol;
        this.limiter = perClient > 0 ? SessionHandler.limitConcurrentSessionsBySource(perClient)
                : SessionHandler.acceptAll();
        this.metrics = metrics;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        SessionAcceptance a = limiter.accept(session);
        if (a.accepted()) {
            open.add(session);
            metrics.connectionOpened(protocol);
        } else {
            metrics.rejected(protocol, "connections_per_client");
        }
        return a;
    }

    @Override
    public void onSessionEnd(Session session) {
        limiter.onSessionEnd(session);
        if (open.remove(session)) {
            metrics.connectionClosed(protocol);
        }
    }
}
