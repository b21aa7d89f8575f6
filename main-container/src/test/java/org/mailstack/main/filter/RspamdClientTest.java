package org.mailstack.main.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The bound on one exchange, against peers that are not rspamd at all (a silent socket, a closed port). */
class RspamdClientTest {
    private static final Scan SCAN = new Scan("smtp", Optional.of(InetAddress.getLoopbackAddress()),
            Optional.of("client.example"), Optional.empty(), "a@b.example", List.of("box@alice.example.test"));
    private static final byte[] MESSAGE = "Subject: x\r\n\r\nbody\r\n".getBytes();

    @Test
    void aPeerThatNeverAnswersIsATimeoutWithinTheBound() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RspamdClient client = new RspamdClient(URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                    Duration.ofMillis(700), "mail.example.test");
            long start = System.nanoTime();
            RspamdUnavailable e = assertThrows(RspamdUnavailable.class,
                    () -> client.check(() -> new ByteArrayInputStream(MESSAGE), MESSAGE.length, SCAN, "q1"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(RspamdUnavailable.Cause.TIMEOUT, e.cause());
            assertTrue(ms >= 600 && ms < 5_000, "took " + ms + " ms");
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RspamdClient client = new RspamdClient(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(5),
                "mail.example.test");
        RspamdUnavailable e = assertThrows(RspamdUnavailable.class,
                () -> client.check(() -> new ByteArrayInputStream(MESSAGE), MESSAGE.length, SCAN, "q1"));
        assertEquals(RspamdUnavailable.Cause.UNREACHABLE, e.cause());
    }

    @Test
    void anHttpErrorIsABadAnswer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getOutputStream().write("HTTP/1.1 500 Internal\r\nContent-Length: 4\r\nConnection: close\r\n\r\noops"
                            .getBytes());
                    s.getOutputStream().flush();
                    s.getInputStream().readNBytes(64);
                } catch (Exception ignored) {
                    // the client may have closed first
                }
            });
            peer.start();
            RspamdClient client = new RspamdClient(URI.create("http://127.0.0.1:" + server.getLocalPort()),
                    Duration.ofSeconds(5), "mail.example.test");
            RspamdUnavailable e = assertThrows(RspamdUnavailable.class,
                    () -> client.check(() -> new ByteArrayInputStream(MESSAGE), MESSAGE.length, SCAN, "q1"));
            assertEquals(RspamdUnavailable.Cause.BAD_ANSWER, e.cause());
            peer.join(5_000);
        }
    }
}
