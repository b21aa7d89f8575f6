package org.mailstack.webmail;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An HTTP server on 127.0.0.1 that records every request: a hit means a mail made the browser call out. */
public final class MarkerServer implements AutoCloseable {
    private final HttpServer server;
    public final List<String> hits = new CopyOnWriteArrayList<>();

    public MarkerServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            hits.add(exchange.getRequestURI().getPath());
            byte[] gif = Base64.getDecoder().decode("R0lGODlhAQABAAAAACH5BAEAAAAALAAAAAABAAEAAAIBAAA=");
            exchange.getResponseHeaders().add("Content-Type", "image/gif");
            exchange.sendResponseHeaders(200, gif.length);
            exchange.getResponseBody().write(gif);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/marker";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
