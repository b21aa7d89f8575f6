package org.mailstack.main.filter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * rspamd's normal worker over HTTP: {@code POST /checkv2} with the message as the body and the transaction in
 * rspamd's protocol headers ({@code IP}, {@code Helo}, {@code From}, one {@code Rcpt} per recipient, {@code User} for
 * an authenticated sender, {@code Queue-Id}, {@code MTA-Name}, {@code Settings-ID} for outbound mail). The whole
 * exchange, connecting included, is bounded by one timeout. No {@code Hostname} is sent: this relay does no reverse
 * DNS lookup of its clients, and rspamd reads a missing one as "unknown".
 * <p>
 * Header values come partly from the client (HELO, addresses): they are reduced to one printable line, and UTF-8
 * (SMTPUTF8 addresses) travels as its bytes, which is how rspamd reads them.
 */
public final class RspamdClient {
    /** The Settings-ID rspamd's configuration gives the thresholds of mail sent by the stack's own accounts. */
    public static final String OUTBOUND_SETTINGS = "mailstack-outbound";
    private final URI check;
    private final Duration timeout;
    private final String mtaName;
    private final HttpClient http;

    /** What the message body is read from; opened once per request. */
    @FunctionalInterface
    public interface Body {
        InputStream open() throws IOException;
    }

    /**
     * @param rspamd  the normal worker's base URL, e.g. {@code http://rspamd:11333}
     * @param timeout the bound of one whole exchange
     * @param mtaName this relay's host name, rspamd's {@code MTA-Name}
     */
    public RspamdClient(URI rspamd, Duration timeout, String mtaName) {
        this.check = rspamd.resolve("/checkv2");
        this.timeout = timeout;
        this.mtaName = mtaName;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Asks rspamd about one message of {@code size} bytes. */
    public RspamdReply check(Body body, long size, Scan scan, String queueId) throws RspamdUnavailable {
        HttpRequest request;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(check)
                    .timeout(timeout)
                    .header("Queue-Id", value(queueId))
                    .header("MTA-Name", value(mtaName))
                    .header("From", value(scan.sender()))
                    .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                        try {
                            return body.open();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }), size));
            scan.client().ifPresent(ip -> b.header("IP", ip.getHostAddress()));
            scan.helo().ifPresent(h -> b.header("Helo", value(h)));
            scan.user().ifPresent(u -> b.header("User", value(u)));
            scan.recipients().forEach(r -> b.header("Rcpt", value(r)));
            if (scan.outbound()) {
                b.header("Settings-ID", OUTBOUND_SETTINGS);
            }
            request = b.build();
        } catch (IllegalArgumentException e) {
            throw new RspamdUnavailable(RspamdUnavailable.Cause.BAD_ANSWER, "request not sendable: " + e.getMessage(),
                    e);
        }
        // the future completes with the whole answer read, so the one bound covers connect, upload and answer
        HttpResponse<byte[]> response = RspamdUnavailable.await(
                http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()), timeout);
        byte[] answer = response.body();
        if (response.statusCode() != 200) {
            throw new RspamdUnavailable(RspamdUnavailable.Cause.BAD_ANSWER, "HTTP " + response.statusCode()
                    + ": " + Text.printable(new String(answer, StandardCharsets.UTF_8), 200), null);
        }
        try {
            return RspamdReply.parse(answer);
        } catch (IOException e) {
            throw new RspamdUnavailable(RspamdUnavailable.Cause.BAD_ANSWER, e.getMessage(), e);
        }
    }


    /** One printable line; characters past ASCII as their UTF-8 bytes (HTTP header values are octets). */
    private static String value(String s) {
        String line = Text.printable(s, 2048);
        return new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
