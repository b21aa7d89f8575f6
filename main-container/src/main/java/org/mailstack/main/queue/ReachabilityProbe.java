package org.mailstack.main.queue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.mailstack.core.account.AccountName;
import org.mailstack.main.account.Account;
import org.mailstack.main.account.AccountDirectory;
import org.mailstack.main.account.DirectoryUnavailableException;
import org.mailstack.main.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's flush on return (ADR 9): opens a TCP connection to each account container's SMTP port every 30 s and
 * records the result in the gauge {@code mailstack_user_container_up}; accounts found down are probed again every
 * 10 s. When a container answers after being down (or at its first probe, which covers a restart of the main
 * container) the queue retries that account's waiting mail at once ({@link DeliveryQueue#accountReturned}) instead
 * of at the end of its backoff. All probing runs on one thread, so the state below needs no locks.
 */
public final class ReachabilityProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReachabilityProbe.class);
    private final AccountDirectory accounts;
    private final int port;
    private final Metrics metrics;
    private final Consumer<AccountName> onReturn;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reachability-probe");
        t.setDaemon(true);
        return t;
    });
    /** The last result per user; absent until the first probe. */
    private final Map<String, Boolean> up = new HashMap<>();
    /** The accounts whose last probe failed, for the quicker re-probe. */
    private final Map<String, Account> down = new LinkedHashMap<>();

    /** Flushes {@code queue}'s waiting entries of each account whose container answers again. */
    public ReachabilityProbe(AccountDirectory accounts, int port, Metrics metrics, DeliveryQueue queue) {
        this(accounts, port, metrics, queue::accountReturned);
    }

    /** @param onReturn called on the probe thread with the account whose container answers again */
    ReachabilityProbe(AccountDirectory accounts, int port, Metrics metrics, Consumer<AccountName> onReturn) {
        this.accounts = accounts;
        this.port = port;
        this.metrics = metrics;
        this.onReturn = onReturn;
    }

    public ReachabilityProbe start() {
        timer.scheduleWithFixedDelay(this::probeAll, 5, 30, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::probeDown, 10, 10, TimeUnit.SECONDS);
        return this;
    }

    void probeAll() {
        List<Account> all;
        try {
            all = accounts.all();
        } catch (DirectoryUnavailableException e) {
            return;
        }
        Set<String> now = new HashSet<>();
        for (Account a : all) {
            now.add(a.user());
            record(a, reachable(a.serviceName()));
        }
        for (String gone : Set.copyOf(up.keySet())) {
            if (!now.contains(gone)) {
                metrics.forgetAccount(gone);
                up.remove(gone);
                down.remove(gone);
            }
        }
    }

    /** Probes again only the accounts that were down at their last probe. */
    void probeDown() {
        for (Account a : List.copyOf(down.values())) {
            record(a, reachable(a.serviceName()));
        }
    }

    private void record(Account a, boolean reachable) {
        metrics.reachability(a.user(), reachable);
        Boolean before = up.put(a.user(), reachable);
        if (!reachable) {
            down.put(a.user(), a);
            return;
        }
        down.remove(a.user());
        if (!Boolean.TRUE.equals(before)) {
            if (before != null) {
                LOG.info("container of account {} answers again", a.user());
            }
            try {
                onReturn.accept(AccountName.of(a.user()));
            } catch (RuntimeException e) {
                LOG.warn("reacting to the return of account {} failed", a.user(), e);
            }
        }
    }

    private boolean reachable(String host) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2_000);
            return true;
        } catch (IOException e) {
            LOG.debug("{} not reachable: {}", host, e.toString());
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
