package org.mailstack.main.account;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A directory gate in front of a {@link FakeEngine}, both on UNIX sockets in a test's folder, and a raw client. */
final class GateHarness implements AutoCloseable {
    final FakeEngine engine;
    final DirectoryGate gate;
    final Path gateSocket;
    /** The gate's refusal log lines, as it logged them at WARN. */
    final List<String> refusals = new CopyOnWriteArrayList<>();

    private GateHarness(FakeEngine engine, Path gateSocket, Path engineSocket, Duration deadline) throws IOException {
        this.engine = engine;
        this.gateSocket = gateSocket;
        this.gate = DirectoryGate.start(gateSocket, engineSocket, deadline, refusals::add);
    }

    /** A gate with the production deadline before an engine that answers. */
    static GateHarness start(Path dir) throws IOException {
        return new GateHarness(FakeEngine.answering(dir.resolve("engine.sock")), dir.resolve("gate.sock"),
                dir.resolve("engine.sock"), DirectoryGate.DEADLINE);
    }

    /** A gate with a short deadline before an engine that never answers. */
    static GateHarness beforeASilentEngine(Path dir, Duration deadline) throws IOException {
        return new GateHarness(FakeEngine.silent(dir.resolve("engine.sock")), dir.resolve("gate.sock"),
                dir.resolve("engine.sock"), deadline);
    }

    /** Sends {@code request}'s characters as single bytes and returns all the gate answers until it closes. */
    String send(String request) throws IOException {
        try (SocketChannel c = open()) {
            write(c, request);
            return new String(Channels.newInputStream(c).readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    SocketChannel open() throws IOException {
        return SocketChannel.open(UnixDomainSocketAddress.of(gateSocket));
    }

    static void write(SocketChannel c, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
        while (buffer.hasRemaining()) {
            c.write(buffer);
        }
    }

    /** What the gate sends the engine for an allowed target: its own head, nothing of the client's but the target. */
    static String canonical(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: mailstack-directory-gate\r\n"
                + "Accept: application/json\r\nConnection: close\r\n\r\n";
    }

    @Override
    public void close() throws IOException {
        gate.close();
        engine.close();
    }
}
