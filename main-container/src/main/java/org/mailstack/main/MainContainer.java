package org.mailstack.main;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.mailstack.main.config.Config;
import org.mailstack.main.smtp.MxMessageHandler;
import org.mailstack.main.smtp.MxServers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sun.misc.Signal;

/**
 * The main container's process. Starts every listener from the environment's {@link Config} and stops them in reverse
 * order on SIGTERM (tini forwards it), then exits 0.
 */
public final class MainContainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MainContainer.class);
    private final Config config;
    private final List<AutoCloseable> started = new ArrayList<>();

    public MainContainer(Config config) {
        this.config = config;
    }

    /** Starts the listeners; on failure stops what already started and rethrows. */
    public MainContainer start() {
        try {
            started.add(MxServers.mx(config, MxMessageHandler::new).start());
            LOG.info("main container for {} ready as {}", config.domain(), config.hostname());
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}", started.get(i), e);
            }
        }
        started.clear();
    }

    public static void main(String[] args) throws InterruptedException {
        Config config;
        try {
            config = Config.fromEnvironment();
        } catch (IllegalArgumentException e) {
            LOG.error("bad configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        MainContainer app = new MainContainer(config).start();
        CountDownLatch term = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> term.countDown());
        Signal.handle(new Signal("INT"), s -> term.countDown());
        term.await();
        LOG.info("SIGTERM: stopping");
        app.close();
        System.exit(0);
    }
}
