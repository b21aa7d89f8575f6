package org.mailstack.main.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gate between the account directory and the Docker socket, over real UNIX sockets: a stand-in engine records
 * what reaches it and answers a service listing the way Docker does.
 */
class DirectoryGateTest {
    private static final String SERVICES = "[{\"ID\":\"s1\",\"Spec\":{\"Name\":\"user-alice\","
            + "\"Labels\":{\"org.mailstack.account\":\"alice\"}}}]";

    @TempDir
    Path dir;
    private final List<String> reached = new CopyOnWriteArrayList<>();
    private ServerSocketChannel engine;
    private DirectoryGate gate;
    private Path gateSocket;

    @BeforeEach
    void start() throws IOException {
        Path engineSocket = dir.resolve("engine.sock");
        engine = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        engine.bind(UnixDomainSocketAddress.of(engineSocket));
        Thread t = new Thread(this::engineLoop, "stand-in-engine");
        t.setDaemon(true);
        t.start();
        gateSocket = dir.resolve("gate.sock");
        gate = DirectoryGate.start(gateSocket, engineSocket);
    }

    @AfterEach
    void stop() throws IOException {
        gate.close();
        engine.close();
    }

    private void engineLoop() {
        while (engine.isOpen()) {
            try (SocketChannel c = engine.accept()) {
                StringBuilder head = new StringBuilder();
                ByteBuffer one = ByteBuffer.allocate(1);
                while (!head.toString().endsWith("\r\n\r\n") && c.read(one.clear()) > 0) {
                    head.append((char) one.get(0));
                }
                reached.add(head.toString());
                String body = head.toString().startsWith("GET /_ping") ? "OK" : SERVICES;
                c.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                return;
            }
        }
    }

    private String raw(String request) throws IOException {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(gateSocket))) {
            c.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
            return new String(Channels.newInputStream(c).readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void theAccountDirectoryWorksThroughTheGateAndTheEngineSeesOnlyItsListing() throws Exception {
        try (DockerAccountDirectory directory = DockerAccountDirectory.connect("unix://" + gateSocket)) {
            assertThat(directory.find("alice")).contains(new Account("alice", "user-alice"));
            assertThat(directory.all()).containsExactly(new Account("alice", "user-alice"));
        }
        assertThat(reached).isNotEmpty().allSatisfy(request -> {
            assertThat(request).startsWith("GET /v1.41/services");
            assertThat(request).contains("Connection: close\r\n");
        });
        assertThat(reached.get(0)).contains("filters=");
    }

    @Test
    void pingPasses() throws IOException {
        assertThat(raw("GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n")).startsWith("HTTP/1.1 200").endsWith("OK");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "POST /v1.41/services/create HTTP/1.1\r\nHost: docker\r\nContent-Length: 0\r\n\r\n",
        "GET /v1.41/containers/json HTTP/1.1\r\nHost: docker\r\n\r\n",
        "GET /v1.41/services/../containers/json HTTP/1.1\r\nHost: docker\r\n\r\n",
        "GET /v1.41/services/s1 HTTP/1.1\r\nHost: docker\r\n\r\n",
        "DELETE /v1.41/services/s1 HTTP/1.1\r\nHost: docker\r\n\r\n",
        "GET /v1.41/services HTTP/1.1\r\nHost: docker\r\nContent-Length: 5\r\n\r\nhello",
        "GET /v1.41/services HTTP/1.1\r\nHost: docker\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "GET /v1.41/services HTTP/1.1\r\nHost: docker\r\nUpgrade: tcp\r\nConnection: Upgrade\r\n\r\n",
        "GET /v1.41/secrets HTTP/1.1\r\nHost: docker\r\n\r\n",
        "GET /v1.41/services?filters={\"x\"} HTTP/1.1\r\nHost: docker\r\n\r\n"
    })
    void everythingElseIs403AndNeverReachesTheEngine(String request) throws IOException {
        assertThat(raw(request)).startsWith("HTTP/1.1 403 Forbidden").contains("passes only GET /services");
        assertThat(reached).isEmpty();
    }

    @Test
    void anOverlongHeadIs400() throws IOException {
        String request = "GET /v1.41/services HTTP/1.1\r\nX-Padding: " + "a".repeat(DirectoryGate.MAX_HEAD) + "\r\n\r\n";
        assertThat(raw(request)).startsWith("HTTP/1.1 400");
        assertThat(reached).isEmpty();
    }
}
