package org.mailstack.main.metrics;

import java.io.IOException;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;

/**
 * The admin endpoint on port 9090: {@code /metrics} (Prometheus text format) and {@code /-/healthy}. Never published
 * by the stack; reachable on the overlay network for a Prometheus service.
 */
public final class AdminServer implements AutoCloseable {
    private final HTTPServer server;

    private AdminServer(HTTPServer server) {
        this.server = server;
    }

    public static AdminServer start(int port, Metrics metrics) throws IOException {
        return new AdminServer(HTTPServer.builder()
                .port(port)
                .registry(metrics.registry())
                .registerHealthHandler(true)
                .buildAndStart());
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
