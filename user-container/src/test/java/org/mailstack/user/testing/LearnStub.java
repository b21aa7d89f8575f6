package org.mailstack.user.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the main container's learn endpoint on 127.0.0.1: records every request (path, Authorization,
 * body) and answers with a status the test sets; it can hold its answers until the test releases them.
 */
public final class LearnStub implements AutoCloseable {
    /** One request as received. */
    public record Lesson(String method, String path, String authorization, String contentLength, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public final List<Lesson> lessons = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile int status = 200;
    private volatile CountDownLatch hold = new CountDownLatch(0);

    public LearnStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                lessons.add(new Lesson(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Length"), body));
                try {
                    hold.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] answer = (status == 200 ? "learned" : "refused").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The status of the following answers. */
    public LearnStub answering(int code) {
        status = code;
        return this;
    }

    /** Holds every answer until the returned latch is counted down. */
    public CountDownLatch holdAnswers() {
        hold = new CountDownLatch(1);
        return hold;
    }

    @Override
    public void close() {
        hold.countDown();
        server.stop(0);
    }
}
