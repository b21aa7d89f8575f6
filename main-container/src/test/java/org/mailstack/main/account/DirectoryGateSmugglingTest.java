package org.mailstack.main.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests that try to reach more of the engine than the service listing, through a framing difference, a spelling of
 * the path, or a method: each is answered by the gate itself, logged, and not one byte of it reaches the engine.
 * Requests are written as Java strings whose characters are sent as single bytes (ISO-8859-1).
 */
class DirectoryGateSmugglingTest {
    private static final String HOST = "Host: docker\r\n";

    @TempDir
    Path dir;
    private GateHarness harness;

    @BeforeEach
    void start() throws IOException {
        harness = GateHarness.start(dir);
    }

    @AfterEach
    void stop() throws IOException {
        harness.close();
    }

    static Stream<Arguments> attempts() {
        return Stream.of(
                // framing: where a line or the head ends
                arguments("bare LF before a second request", "GET /_ping HTTP/1.1\r\nHost: docker\r\nX-A: a\n\n"
                        + "GET /containers/json HTTP/1.1\nHost: docker\r\n\r\n", 400),
                arguments("bare CR", "GET /_ping HTTP/1.1\rHost: docker\r\n\r\n", 400),
                arguments("LF-only head", "GET /_ping HTTP/1.1\nHost: docker\n\n", 400),
                arguments("obs-fold", "GET /_ping HTTP/1.1\r\n" + HOST + "X-A: a\r\n Transfer-Encoding: chunked\r\n\r\n",
                        400),
                arguments("obs-fold with HTAB", "GET /_ping HTTP/1.1\r\n" + HOST + "X-A: a\r\n\tX-B: b\r\n\r\n", 400),
                arguments("pipelined second request", "GET /_ping HTTP/1.1\r\n" + HOST + "\r\n"
                        + "GET /containers/json HTTP/1.1\r\n" + HOST + "\r\n", 400),
                arguments("NUL byte", "GET /_ping HTTP/1.1\r\nHost: dock\0er\r\n\r\n", 400),
                arguments("over-long head", "GET /_ping HTTP/1.1\r\n" + HOST + "X-Padding: "
                        + "a".repeat(DirectoryGate.MAX_HEAD) + "\r\n\r\n", 400),
                // bodies
                arguments("CL.TE", "GET /_ping HTTP/1.1\r\n" + HOST + "Content-Length: 6\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nG", 400),
                arguments("TE.CL", "GET /_ping HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n"
                        + "Content-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n", 400),
                arguments("TE.TE, a second Transfer-Encoding", "GET /_ping HTTP/1.1\r\n" + HOST
                        + "Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n\r\n", 400),
                arguments("TE with a space before the colon", "GET /_ping HTTP/1.1\r\n" + HOST
                        + "Transfer-encoding : chunked\r\n\r\n", 400),
                arguments("TE with a tab before the value", "GET /_ping HTTP/1.1\r\n" + HOST
                        + "Transfer-Encoding:\tchunked\r\n\r\n", 400),
                arguments("TE with a tab before the colon", "GET /_ping HTTP/1.1\r\n" + HOST
                        + "Transfer-Encoding\t: chunked\r\n\r\n", 400),
                arguments("Content-Length with a body", "GET /_ping HTTP/1.1\r\n" + HOST
                        + "Content-Length: 5\r\n\r\nhello", 400),
                arguments("duplicate Content-Length", "GET /_ping HTTP/1.1\r\n" + HOST
                        + "Content-Length: 0\r\nContent-Length: 0\r\n\r\n", 400),
                // header syntax
                arguments("two Hosts", "GET /_ping HTTP/1.1\r\n" + HOST + "Host: other\r\n\r\n", 400),
                arguments("no Host", "GET /_ping HTTP/1.1\r\n\r\n", 400),
                arguments("a header line without colon", "GET /_ping HTTP/1.1\r\n" + HOST + "X-A a\r\n\r\n", 400),
                arguments("a space before the colon", "GET /_ping HTTP/1.1\r\nHost : docker\r\n\r\n", 400),
                arguments("Upgrade", "GET /_ping HTTP/1.1\r\n" + HOST + "Connection: Upgrade\r\nUpgrade: h2c\r\n\r\n",
                        403),
                arguments("Expect", "GET /_ping HTTP/1.1\r\n" + HOST + "Expect: 100-continue\r\n\r\n", 403),
                // request line
                arguments("HTTP/2.0", "GET /_ping HTTP/2.0\r\n" + HOST + "\r\n", 400),
                arguments("no version (HTTP/0.9 style)", "GET /_ping\r\n" + HOST + "\r\n", 400),
                arguments("double space", "GET  /_ping HTTP/1.1\r\n" + HOST + "\r\n", 400),
                arguments("trailing space", "GET /_ping HTTP/1.1 \r\n" + HOST + "\r\n", 400),
                arguments("tab as separator", "GET\t/_ping HTTP/1.1\r\n" + HOST + "\r\n", 400),
                arguments("empty request line", "\r\nGET /_ping HTTP/1.1\r\n" + HOST + "\r\n", 400),
                // methods
                arguments("POST", "POST /v1.41/services/create HTTP/1.1\r\n" + HOST + "Content-Length: 0\r\n\r\n", 403),
                arguments("PUT", "PUT /_ping HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("DELETE", "DELETE /v1.41/services/s1 HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("HEAD", "HEAD /_ping HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("OPTIONS *", "OPTIONS * HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("CONNECT", "CONNECT docker:2375 HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("lower-case get", "get /_ping HTTP/1.1\r\n" + HOST + "\r\n", 403),
                // targets
                arguments("absolute-form", "GET http://docker/containers/json HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("absolute-form of an allowed path", "GET http://docker/_ping HTTP/1.1\r\n" + HOST + "\r\n",
                        403),
                arguments("authority-form", "GET docker:2375 HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("asterisk-form", "GET * HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("another path", "GET /v1.41/containers/json HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("secrets", "GET /v1.41/secrets HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("one service", "GET /v1.41/services/s1 HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("empty segment", "GET //containers/json HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("dot segments", "GET /v1.41/services/../containers/json HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("encoded dot segments", "GET /v1.41/services/%2e%2e/containers/json HTTP/1.1\r\n" + HOST
                        + "\r\n", 403),
                arguments("encoded slash", "GET /services%2F.. HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("encoded allowed path", "GET /_p%69ng HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("path parameter", "GET /v1.41/services;/containers HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("backslash", "GET /v1.41/services\\..\\containers\\json HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("other case", "GET /Services HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("fragment", "GET /services#x HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("version of three digits", "GET /v1.410/services HTTP/1.1\r\n" + HOST + "\r\n", 403),
                arguments("UTF-8 bytes in the path", "GET /servic\u00c3\u00a9s HTTP/1.1\r\n" + HOST + "\r\n", 400),
                arguments("a high byte in the path", "GET /services\u00ff HTTP/1.1\r\n" + HOST + "\r\n", 400),
                // queries
                arguments("CR LF in the query", "GET /services?filters=%0d%0a HTTP/1.1\r\n" + HOST + "\r\n", 400),
                arguments("encoded NUL in the query", "GET /services?filters=%00 HTTP/1.1\r\n" + HOST + "\r\n", 400),
                arguments("encoded DEL in the query", "GET /services?filters=%7F HTTP/1.1\r\n" + HOST + "\r\n", 400),
                arguments("encoded high byte in the query", "GET /services?f=%C3%A9 HTTP/1.1\r\n" + HOST + "\r\n",
                        400),
                arguments("a truncated escape", "GET /services?filters=%7 HTTP/1.1\r\n" + HOST + "\r\n", 400),
                arguments("a non-hex escape", "GET /services?filters=%zz HTTP/1.1\r\n" + HOST + "\r\n", 400),
                arguments("raw braces in the query", "GET /services?filters={\"x\"} HTTP/1.1\r\n" + HOST + "\r\n",
                        403),
                arguments("a query on _ping", "GET /_ping?x=1 HTTP/1.1\r\n" + HOST + "\r\n", 403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void isAnsweredByTheGateLoggedAndNeverReachesTheEngine(String what, String request, int status)
            throws IOException {
        String answer = harness.send(request);

        assertThat(answer).startsWith("HTTP/1.1 " + status + " ").contains("the directory gate refused the request");
        assertThat(harness.refusals).singleElement().asString()
                .startsWith("refused " + status + " (")
                .matches("[\\x20-\\x7e]*");
        assertThat(harness.engine.connections()).as("connections to the engine").isZero();
        assertThat(harness.engine.received()).isEmpty();
    }
}
