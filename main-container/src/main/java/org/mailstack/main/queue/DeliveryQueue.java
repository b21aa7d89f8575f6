package org.mailstack.main.queue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

import org.mailstack.core.account.AccountName;
import org.mailstack.main.address.AddressRejected;
import org.mailstack.main.address.AddressRules;
import org.mailstack.main.address.Destination;
import org.mailstack.main.address.NextHop;
import org.mailstack.main.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue workers. Each entry is in exactly one place: the delay queue (waiting for its time), or a worker's hands.
 * After an attempt, delivered recipients are done; recipients refused with 5xx get a DSN at once; the others are
 * retried with {@link Backoff} until {@code expiry}, when they too get a DSN (status 4.4.7). The spool entry is
 * removed right after the next hop's 250 (see {@link Spool} for the at-least-once window).
 * <p>
 * A waiting entry need not sit out its whole backoff once its destination works again (as Postfix's {@code flush}):
 * {@link #accountReturned} makes the entries of a user container that answers again due at once, and a delivery to
 * a destination does the same for that destination's other waiting entries. Only the in-memory schedule moves; the
 * spooled envelope keeps its time, and an entry that fails again backs off from its attempt count as before.
 */
public final class DeliveryQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);

    /** An entry in the delay queue, due at {@code dueMillis} of the queue's clock. */
    private final class Due implements Delayed {
        private final Envelope entry;
        private final long dueMillis;

        Due(Envelope entry, long dueMillis) {
            this.entry = entry;
            this.dueMillis = dueMillis;
        }

        Envelope entry() {
            return entry;
        }

        long dueMillis() {
            return dueMillis;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueMillis - clock.millis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(dueMillis, ((Due) o).dueMillis);
        }
    }

    private final Spool spool;
    private final Transport<? super NextHop.Local> local;
    private final Transport<? super NextHop.Remote> remote;
    private final Backoff backoff;
    private final Duration expiry;
    private final Dsn dsn;
    private final AddressRules rules;
    private final Metrics metrics;
    private final Clock clock;
    private final DelayQueue<Due> due = new DelayQueue<>();
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    /** Destinations with entries scheduled for a retry since their last {@link #wake}. */
    private final Set<NextHop> deferred = ConcurrentHashMap.newKeySet();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param local  the transport to the account containers
     * @param remote the transport to other domains (MX or smarthost)
     * @param clock  the one clock of the queue: entry times, the delay queue's due times and the gauges
     */
    public DeliveryQueue(Spool spool, Transport<? super NextHop.Local> local, Transport<? super NextHop.Remote> remote,
                         Backoff backoff, Duration expiry, Dsn dsn,
                         AddressRules rules, Metrics metrics, Clock clock) {
        this.spool = spool;
        this.local = local;
        this.remote = remote;
        this.backoff = backoff;
        this.expiry = expiry;
        this.dsn = dsn;
        this.rules = rules;
        this.metrics = metrics;
        this.clock = clock;
        metrics.gauge("mailstack_queue_depth", "Queue entries waiting for delivery", () -> pending.size());
        metrics.gauge("mailstack_queue_oldest_age_seconds", "Age of the oldest queue entry in seconds",
                this::oldestAgeSeconds);
    }

    /** The spool the queue works on. */
    public Spool spool() {
        return spool;
    }

    /** Loads what the spool holds and starts {@code threads} workers. */
    public DeliveryQueue start(int threads) throws IOException {
        running = true;
        List<Envelope> recovered = spool.recover();
        recovered.forEach(this::submit);
        LOG.info("queue started with {} recovered entries and {} workers", recovered.size(), threads);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::work, "queue-worker-" + i);
            t.start();
            workers.add(t);
        }
        return this;
    }

    /** Schedules an entry that is durable in the spool. */
    public void submit(Envelope e) {
        pending.put(e.id(), e.created());
        schedule(e);
    }

    /**
     * Puts {@code e} in the delay queue for its next attempt. A retried entry marks its destination as having waiting
     * entries, after it is in the queue: a {@link #wake} either finds it or leaves the mark for the next one.
     */
    private void schedule(Envelope e) {
        due.add(new Due(e, e.nextAttempt().toEpochMilli()));
        if (e.attempts() > 0) {
            deferred.add(e.destination());
        }
    }

    /**
     * The container of account {@code user} answers again (reported by the reachability probe): its waiting entries
     * are retried now. Returns how many were woken.
     */
    public int accountReturned(AccountName user) {
        return wake(new NextHop.Local(user));
    }

    /**
     * Makes every entry for {@code destination} that waits in the delay queue due now. An entry a worker holds is
     * left alone: {@link DelayQueue#remove} succeeds for exactly one of this call and {@code poll}, so each entry
     * stays in one place. The delay queue is scanned only when the destination has had a retry since its last wake,
     * so a delivery (which calls this) costs nothing extra while a backlog drains.
     */
    int wake(NextHop destination) {
        if (!deferred.remove(destination)) {
            return 0;
        }
        long now = clock.millis();
        int woken = 0;
        for (Due d : due) {
            if (d.entry().destination().equals(destination) && d.dueMillis() > now && due.remove(d)) {
                due.add(new Due(d.entry(), now));
                woken++;
            }
        }
        if (woken > 0) {
            LOG.info("{} works again: {} waiting entr{} retried now", destination, woken, woken == 1 ? "y" : "ies");
        }
        return woken;
    }

    /** Entries waiting or in delivery. */
    public int depth() {
        return pending.size();
    }

    private double oldestAgeSeconds() {
        Instant now = clock.instant();
        return pending.values().stream().min(Instant::compareTo)
                .map(oldest -> Duration.between(oldest, now).toMillis() / 1000.0).orElse(0.0);
    }

    private void work() {
        while (running) {
            Due d;
            try {
                d = due.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (d == null) {
                continue;
            }
            try {
                attempt(d.entry());
            } catch (IOException | RuntimeException e) {
                LOG.error("queue entry {}: spool error, retrying in 60 s", d.entry().id(), e);
                due.add(new Due(d.entry(), clock.millis() + 60_000));
            }
        }
    }

    /** One delivery attempt of one entry, and what follows from its replies. */
    void attempt(Envelope e) throws IOException {
        String kind = e.destination().kind();
        metrics.attempt(kind);
        Map<String, Reply> replies = send(e);
        Map<String, Reply> permanent = new LinkedHashMap<>();
        List<String> temporary = new ArrayList<>();
        Reply lastTemporary = null;
        for (String rcpt : e.recipients()) {
            Reply r = replies.getOrDefault(rcpt, Reply.temporary("no reply for recipient"));
            if (r.permanent()) {
                permanent.put(rcpt, r);
            } else if (!r.success()) {
                temporary.add(rcpt);
                lastTemporary = r;
            }
        }
        Instant now = clock.instant();
        if (!permanent.isEmpty()) {
            metrics.failure(kind, true);
            bounce(e, permanent, now);
        }
        if (temporary.isEmpty()) {
            finish(e);
            if (permanent.size() < e.recipients().size()) {
                metrics.delivered(kind);
                LOG.info("queue entry {} delivered to {}", e.id(), e.destination());
                wake(e.destination());
            }
            return;
        }
        metrics.failure(kind, false);
        if (!now.isBefore(e.created().plus(expiry))) {
            Map<String, Reply> expired = new LinkedHashMap<>();
            Reply last = lastTemporary;
            temporary.forEach(r -> expired.put(r, new Reply(last.code(), "4.4.7 Delivery time expired; last error: "
                    + last.text())));
            bounce(e, expired, now);
            finish(e);
            return;
        }
        Envelope next = e.retryAt(now.plus(backoff.delay(e.attempts() + 1)), lastTemporary.toString(), temporary);
        spool.update(next);
        LOG.info("queue entry {} to {}: {}; retry at {}", e.id(), e.destination(), lastTemporary, next.nextAttempt());
        schedule(next);
    }

    /** Hands the entry to the transport of its next hop. */
    private Map<String, Reply> send(Envelope e) {
        Transport.MessageSource message = () -> spool.open(e);
        if (e.destination() instanceof NextHop.Local to) {
            return local.deliver(to, e, message);
        }
        if (e.destination() instanceof NextHop.Remote to) {
            return remote.deliver(to, e, message);
        }
        throw new IllegalStateException("no transport for " + e.destination());
    }

    private void finish(Envelope e) throws IOException {
        spool.remove(e);
        pending.remove(e.id());
    }

    /** Queues a DSN for {@code failed} back to the sender; the null sender gets none (RFC 5321 §4.5.5). */
    private void bounce(Envelope e, Map<String, Reply> failed, Instant now) throws IOException {
        LOG.info("queue entry {}: returning {} recipient(s) to <{}>: {}", e.id(), failed.size(), e.sender(),
                failed.values().iterator().next());
        if (e.sender().isEmpty()) {
            return;
        }
        Destination to;
        try {
            to = rules.route(e.sender());
        } catch (AddressRejected bad) {
            LOG.warn("queue entry {}: sender <{}> cannot receive a DSN: {}", e.id(), e.sender(), bad.getMessage());
            return;
        }
        byte[] report;
        try (InputStream original = spool.open(e)) {
            report = dsn.build(e, failed, original, now);
        }
        Envelope bounce = spool.enqueue(report, "", to.nextHop(), List.of(to.address()), now);
        metrics.dsn();
        submit(bounce);
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : workers) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        workers.clear();
    }
}
