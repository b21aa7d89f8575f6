package org.mailstack.main.smtp;

import org.subethamail.smtp.server.SMTPServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One started SubEthaSMTP listener with a name for the log; stopping it closes the socket and its sessions. */
public final class SmtpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpListener.class);
    private final String name;
    private final SMTPServer server;

    SmtpListener(String name, SMTPServer server) {
        this.name = name;
        this.server = server;
    }

    /** Binds and starts accepting; returns this. */
    public SmtpListener start() {
        server.start();
        LOG.info("{} listening on port {}", name, port());
        return this;
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return server.getPortAllocated();
    }

    @Override
    public void close() {
        server.stop();
        LOG.info("{} stopped", name);
    }
}
