package org.mailstack.main.metrics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.mailstack.main.account.Account;
import org.mailstack.main.account.AccountDirectory;
import org.mailstack.main.account.DirectoryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every 30 s, opens a TCP connection to each account container's SMTP port and records the result. */
public final class ReachabilityProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReachabilityProbe.class);
    private final AccountDirectory accounts;
    private final int port;
    private final Metrics metrics;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reachability-probe");
        t.setDaemon(true);
        return t;
    });
    private Set<String> known = new HashSet<>();

    public ReachabilityProbe(AccountDirectory accounts, int port, Metrics metrics) {
        this.accounts = accounts;
        this.port = port;
        this.metrics = metrics;
    }

    public ReachabilityProbe start() {
        timer.scheduleWithFixedDelay(this::probeAll, 5, 30, TimeUnit.SECONDS);
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
            metrics.reachability(a.user(), reachable(a.serviceName()));
        }
        for (String gone : known) {
            if (!now.contains(gone)) {
                metrics.forgetAccount(gone);
            }
        }
        known = now;
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
