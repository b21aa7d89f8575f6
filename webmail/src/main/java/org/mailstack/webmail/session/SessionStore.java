package org.mailstack.webmail.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mailstack.webmail.mail.Mailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live sessions, in memory only. A session ends after {@code idle} without a request or {@code absolute} after
 * sign-in; ending it closes its mailbox, which logs out of IMAP and forgets the credentials. A reaper ends expired
 * sessions even when their browser never comes back.
 */
public final class SessionStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);

    private final Map<String, WebSession> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Duration absolute;
    private final Clock clock;
    private final ScheduledExecutorService reaper;

    public SessionStore(Duration idle, Duration absolute, Clock clock) {
        this.idle = idle;
        this.absolute = absolute;
        this.clock = clock;
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webmail-session-reaper");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, Math.min(60, idle.toSeconds() / 2));
        reaper.scheduleAtFixedRate(this::reap, period, period, TimeUnit.SECONDS);
    }

    public WebSession create(Mailbox mailbox) {
        WebSession session = new WebSession(Tokens.random(), mailbox, clock.instant());
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, touched; an expired one is ended and not returned. */
    public Optional<WebSession> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        WebSession session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            end(session.id());
            return Optional.empty();
        }
        session.touch(now);
        return Optional.of(session);
    }

    public void end(String id) {
        WebSession session = sessions.remove(id);
        if (session != null) {
            session.mailbox().close();
            LOG.info("session ended for {}", session.address());
        }
    }

    public int size() {
        return sessions.size();
    }

    /** Ends every expired session. */
    public void reap() {
        Instant now = clock.instant();
        List<String> expired = new ArrayList<>();
        sessions.forEach((id, s) -> {
            if (expired(s, now)) {
                expired.add(id);
            }
        });
        expired.forEach(this::end);
    }

    private boolean expired(WebSession s, Instant now) {
        return now.isAfter(s.lastSeen().plus(idle)) || now.isAfter(s.created().plus(absolute));
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        new ArrayList<>(sessions.keySet()).forEach(this::end);
    }
}
