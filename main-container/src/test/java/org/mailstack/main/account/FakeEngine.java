package org.mailstack.main.account;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in Docker engine on a UNIX socket that keeps every byte each connection sends it, to the connection's end,
 * so a test can say exactly what reached the engine. It answers the end of a head with one fixed service listing, or,
 * when silent, never answers (an engine that stalls).
 */
final class FakeEngine implements AutoCloseable {
    static final String SERVICES = "[{\"ID\":\"s1\",\"Spec\":{\"Name\":\"user-alice\","
            + "\"Labels\":{\"org.mailstack.account\":\"alice\"}}}]";
    static final String ANSWER = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + SERVICES.length() + "\r\nConnection: close\r\n\r\n" + SERVICES;

    private final ServerSocketChannel server;
    private final boolean answers;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();

    private FakeEngine(ServerSocketChannel server, boolean answers) {
        this.server = server;
        this.answers = answers;
        Thread t = new Thread(this::serve, "fake-engine");
        t.setDaemon(true);
        t.start();
    }

    static FakeEngine answering(Path socket) throws IOException {
        return new FakeEngine(bind(socket), true);
    }

    static FakeEngine silent(Path socket) throws IOException {
        return new FakeEngine(bind(socket), false);
    }

    private static ServerSocketChannel bind(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return server;
    }

    /** Connections accepted so far, ended or not. */
    int connections() {
        return connections.get();
    }

    /** Everything each ended connection sent, in order of their ends. */
    List<String> received() {
        return received;
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel c = server.accept()) {
                connections.incrementAndGet();
                readAndAnswer(c);
            } catch (IOException e) {
                // the server closed, or one connection failed: what it sent is already kept
            }
        }
    }

    private void readAndAnswer(SocketChannel c) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InputStream in = Channels.newInputStream(c);
        OutputStream out = Channels.newOutputStream(c);
        boolean answered = !answers;
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                bytes.write(b);
                if (!answered && bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    out.write(ANSWER.getBytes(StandardCharsets.US_ASCII));
                    c.shutdownOutput();
                    answered = true;
                }
            }
        } finally {
            received.add(bytes.toString(StandardCharsets.ISO_8859_1));
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
