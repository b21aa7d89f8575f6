package org.mailstack.main.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gate between the account directory and the Docker socket, over real UNIX sockets: what passes, and that the
 * engine then receives the gate's own request rather than the client's. Refusals are in
 * {@link DirectoryGateSmugglingTest}.
 */
class DirectoryGateTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @TempDir
    Path dir;

    @Test
    void theAccountDirectoryWorksThroughTheGateAndTheEngineSeesOnlyTheGatesListingRequests() throws Exception {
        try (GateHarness harness = GateHarness.start(dir);
                DockerAccountDirectory directory = DockerAccountDirectory.connect("unix://" + harness.gateSocket)) {
            assertThat(directory.find("alice")).contains(new Account("alice", "user-alice"));
            assertThat(directory.all()).containsExactly(new Account("alice", "user-alice"));

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(harness.engine.received())
                    .containsExactly(GateHarness.canonical("/v1.41/services?filters="
                            + "%7B%22label%22%3A%5B%22org.mailstack.account%3Dalice%22%5D%7D"),
                            GateHarness.canonical("/v1.41/services")));
            assertThat(harness.refusals).isEmpty();
        }
    }

    static Stream<Arguments> allowed() {
        String filters = "/v1.41/services?filters=%7B%22label%22%3A%7B%22org.mailstack.account%22%3Atrue%7D%7D";
        return Stream.of(
                arguments(filters, "GET " + filters + " HTTP/1.1\r\nHost: docker\r\n\r\n"),
                arguments("/_ping", "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n"),
                arguments("/version", "GET /version HTTP/1.1\r\nHost: docker\r\n\r\n"),
                arguments("/v1.41/version", "GET /v1.41/version HTTP/1.1\r\nHost: docker\r\n\r\n"),
                arguments("/services", "GET /services HTTP/1.1\r\nHost: docker\r\n\r\n"),
                arguments("/v1.41/services", "GET /v1.41/services HTTP/1.1\r\nhost:localhost:2375\r\n"
                        + "X-Registry-Auth: e30=\r\nConnection: keep-alive\r\nAccept-Encoding: gzip\r\n"
                        + "Content-Length: 0\r\nCookie: a=b\r\nX-Tab:\tvalue\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void anAllowedRequestReachesTheEngineOnlyAsTheGatesOwnRequest(String target, String request) throws IOException {
        try (GateHarness harness = GateHarness.start(dir)) {
            assertThat(harness.send(request)).isEqualTo(FakeEngine.ANSWER);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(harness.engine.received())
                    .containsExactly(GateHarness.canonical(target)));
            assertThat(harness.refusals).isEmpty();
        }
    }

    @Test
    void anHttp10RequestIsForwardedAsHttp10SoTheAnswerIsNotChunked() throws IOException {
        try (GateHarness harness = GateHarness.start(dir)) {
            assertThat(harness.send("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")).isEqualTo(FakeEngine.ANSWER);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(harness.engine.received())
                    .containsExactly(GateHarness.canonical("/_ping").replace("HTTP/1.1", "HTTP/1.0")));
        }
    }

    @Test
    void aHeadThatNeverEndsIsRefusedAndLoggedAtTheDeadline() throws IOException {
        try (GateHarness harness = GateHarness.beforeASilentEngine(dir, SHORT);
                SocketChannel client = harness.open()) {
            GateHarness.write(client, "GET /_ping HTTP/1.1\r\nHost: docker\r\n");

            assertThat(Channels.newInputStream(client).readAllBytes()).as("after the gate closes").isEmpty();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(harness.refusals).singleElement()
                    .asString().startsWith("refused 400 (no complete head").endsWith("\"GET /_ping HTTP/1.1\""));
            assertThat(harness.engine.connections()).isZero();
        }
    }

    @Test
    void aStalledEngineIsCutOffAtTheDeadlineSoNoWorkerWaitsForever() throws IOException {
        try (GateHarness harness = GateHarness.beforeASilentEngine(dir, SHORT)) {
            assertThat(harness.send("GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n")).isEmpty();

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(harness.engine.received())
                    .as("the engine's connection, closed by the gate").containsExactly(GateHarness.canonical("/_ping")));
        }
    }

    @Test
    void anEngineThatCannotBeReachedIsA502() throws IOException {
        Path gateSocket = dir.resolve("gate.sock");
        try (DirectoryGate gate = DirectoryGate.start(gateSocket, dir.resolve("no-engine.sock"));
                SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(gateSocket))) {
            GateHarness.write(client, "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n");
            String answer = new String(Channels.newInputStream(client).readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(answer).startsWith("HTTP/1.1 502 Bad Gateway\r\n");
        }
    }

    @Test
    void theLoggedRequestLineIsPrintableAsciiAndCut() {
        assertThat(DirectoryGate.printable("GET /\u0000\u001b[31m\u009b\u00e9 HTTP/1.1"))
                .isEqualTo("GET /??[31m?? HTTP/1.1");
        assertThat(DirectoryGate.printable("a".repeat(500))).hasSize(123);
    }
}
