package org.mailstack.main.metrics;

import java.util.function.DoubleSupplier;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Every metric the main container exposes, in one registry. Label values come from small fixed sets (listener names,
 * reject reasons, account names from Docker), never from client input.
 */
public final class Metrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter connections = counter("mailstack_connections", "Connections accepted, per protocol", "protocol");
    private final Gauge openConnections = Gauge.builder().name("mailstack_connections_open")
            .help("Connections open now, per protocol").labelNames("protocol").register(registry);
    private final Counter received = counter("mailstack_messages_received",
            "Mail transactions started (MAIL FROM accepted), per listener", "listener");
    private final Counter accepted = counter("mailstack_messages_accepted",
            "Messages acknowledged with 250 after being fsync'd to the spool, per listener", "listener");
    private final Counter rejected = counter("mailstack_messages_rejected",
            "Commands refused, per listener and reason", "listener", "reason");
    private final Counter attempts = counter("mailstack_delivery_attempts",
            "Delivery attempts from the queue, per kind (local, remote)", "kind");
    private final Counter failures = counter("mailstack_delivery_failures",
            "Failed delivery attempts, per kind and type (temporary, permanent)", "kind", "type");
    private final Counter delivered = counter("mailstack_delivered", "Queue entries delivered, per kind", "kind");
    private final Counter smarthostFailures = counter("mailstack_smarthost_failures",
            "Attempts through the smarthost given up before MAIL, per reason (login_refused, tls_failed, no_starttls,"
                    + " no_auth_mechanism, password_unavailable, unreachable); the message stays queued", "reason");
    private final Counter dsns = counter("mailstack_dsn_generated", "Delivery status notifications generated");
    private final Counter authFailures = counter("mailstack_auth_failures",
            "Failed AUTH or IMAP LOGIN attempts, per protocol", "protocol");
    private final Counter spamScanned = counter("mailstack_spam_scanned",
            "Messages rspamd answered for, per listener and what the filter did (clean, marked, rejected,"
                    + " soft_rejected)", "listener", "verdict");
    private final Counter spamUnscanned = counter("mailstack_spam_unscanned",
            "Messages rspamd gave no answer for (they were accepted unscanned or refused with 451 as configured),"
                    + " per listener and cause (timeout, unreachable, bad_answer)", "listener", "cause");
    private final Histogram spamScanSeconds = Histogram.builder().name("mailstack_spam_scan_seconds")
            .help("Time spent asking rspamd about one message, answered or not, per listener").labelNames("listener")
            .classicOnly().classicUpperBounds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
            .register(registry);
    private final Counter spamLearn = counter("mailstack_spam_learn",
            "Messages the accounts' containers sent to be learned (moved into or out of Junk), per lesson (spam, ham)"
                    + " and result (learned, already, refused, unavailable, limited, too_large, unauthorized)",
            "lesson", "result");
    private final Gauge reachable = Gauge.builder().name("mailstack_user_container_up")
            .help("1 when the account's container answered on its SMTP port at the last probe").labelNames("account")
            .register(registry);

    private Counter counter(String name, String help, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** Registers a gauge read at scrape time (queue depth, oldest age, certificate expiry). */
    public void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(cb -> cb.call(value.getAsDouble()))
                .register(registry);
    }

    public void connectionOpened(String protocol) {
        connections.labelValues(protocol).inc();
        openConnections.labelValues(protocol).inc();
    }

    public void connectionClosed(String protocol) {
        openConnections.labelValues(protocol).dec();
    }

    public void received(String listener) {
        received.labelValues(listener).inc();
    }

    public void accepted(String listener) {
        accepted.labelValues(listener).inc();
    }

    public void rejected(String listener, String reason) {
        rejected.labelValues(listener, reason).inc();
    }

    public void attempt(String kind) {
        attempts.labelValues(kind).inc();
    }

    public void failure(String kind, boolean permanent) {
        failures.labelValues(kind, permanent ? "permanent" : "temporary").inc();
    }

    public void delivered(String kind) {
        delivered.labelValues(kind).inc();
    }

    /**
     * An attempt through the smarthost that ended before MAIL; {@code reason} is login_refused, tls_failed,
     * no_starttls, no_auth_mechanism, password_unavailable or unreachable.
     */
    public void smarthostFailure(String reason) {
        smarthostFailures.labelValues(reason).inc();
    }

    public void dsn() {
        dsns.inc();
    }

    public void authFailure(String protocol) {
        authFailures.labelValues(protocol).inc();
    }

    /** A message rspamd answered for; {@code verdict} is clean, marked, rejected or soft_rejected. */
    public void spamScanned(String listener, String verdict) {
        spamScanned.labelValues(listener, verdict).inc();
    }

    /** A message rspamd gave no answer for; {@code cause} is timeout, unreachable or bad_answer. */
    public void spamUnscanned(String listener, String cause) {
        spamUnscanned.labelValues(listener, cause).inc();
    }

    public void spamScanTime(String listener, double seconds) {
        spamScanSeconds.labelValues(listener).observe(seconds);
    }

    /** A message sent to be learned; {@code lesson} is spam or ham, {@code result} one of a fixed set. */
    public void spamLearn(String lesson, String result) {
        spamLearn.labelValues(lesson, result).inc();
    }

    public void reachability(String account, boolean up) {
        reachable.labelValues(account).set(up ? 1 : 0);
    }

    /** Drops an account that no longer exists from the reachability gauge. */
    public void forgetAccount(String account) {
        reachable.remove(account);
    }
}
