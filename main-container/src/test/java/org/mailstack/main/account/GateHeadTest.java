package org.mailstack.main.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The head reader on a connected pair of UNIX sockets: bytes written to one end are already readable at the other. */
class GateHeadTest {
    @TempDir
    Path dir;
    private SocketChannel client;
    private SocketChannel gateSide;

    @BeforeEach
    void connect() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(dir.resolve("pair.sock")));
            client = SocketChannel.open(server.getLocalAddress());
            gateSide = server.accept();
        }
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        gateSide.close();
    }

    @Test
    void theHeadComesWithoutItsEmptyLine() throws Exception {
        GateHarness.write(client, "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n");

        assertThat(new GateHead(1024).read(gateSide)).isEqualTo("GET /_ping HTTP/1.1\r\nHost: docker");
    }

    @Test
    void bytesThatArriveAfterTheHeadIsReadAreRefusedBeforeForwarding() throws Exception {
        GateHead head = new GateHead(1024);
        GateHarness.write(client, "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n");
        head.read(gateSide);
        GateHarness.write(client, "GET /containers/json HTTP/1.1\r\n");

        assertThatThrownBy(() -> head.expectNothingMore(gateSide)).isInstanceOf(GateRefusal.class)
                .hasMessage("bytes after the head");
        assertThat(gateSide.isBlocking()).as("blocking again for the answer").isTrue();
    }

    @Test
    void aClientThatStopsSendingAfterTheHeadMayBeForwarded() throws Exception {
        GateHead head = new GateHead(1024);
        GateHarness.write(client, "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n");
        head.read(gateSide);
        client.shutdownOutput();

        head.expectNothingMore(gateSide);
    }

    @Test
    void theRequestLineForTheLogEndsAtTheFirstCrOrLf() throws Exception {
        GateHead head = new GateHead(1024);
        GateHarness.write(client, "GET /_ping HTTP/1.1\nHost: docker\r\n\r\n");

        assertThatThrownBy(() -> head.read(gateSide)).isInstanceOf(GateRefusal.class);
        assertThat(head.requestLine()).isEqualTo("GET /_ping HTTP/1.1");
    }
}
