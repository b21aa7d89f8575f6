package org.mailstack.main.filter;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.InvalidAccountNameException;
import org.mailstack.main.delivery.RelayKeyFile;
import org.mailstack.main.limits.ClientAddress;
import org.mailstack.main.limits.RateLimiter;
import org.mailstack.main.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The learn endpoint of the accounts' containers (ADR 24), on the mail network only (the stack publishes no port of
 * it): {@code POST /learn/spam} or {@code POST /learn/ham}, the message as the body with its {@code Content-Length},
 * and {@code Authorization: Basic} of the account's name and that account's relay secret (ADR 2: derived from the
 * relay key, compared in constant time). The message goes to rspamd's controller, whose password only this
 * container holds; the account's container never reaches rspamd.
 * <p>
 * Checked in this order, before any of the body is read: the path and method ({@code 404}, {@code 405}), the
 * credential ({@code 401}, counted as an auth failure), the length ({@code 411} without one, {@code 413} over the
 * message size limit), the account's budget of lessons a minute ({@code 429}). Then rspamd's answer:
 * {@code 200} learned or already learned, {@code 502} refused, {@code 503} not reachable or no answer in time. Four
 * threads serve it, so at most four lessons reach rspamd at once. Every answer is one log line and counted in
 * {@code mailstack_spam_learn_total}.
 */
public final class LearnEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LearnEndpoint.class);
    private static final String PREFIX = "/learn/";
    private final HttpServer server;
    private final ExecutorService threads;
    private final RspamdController rspamd;
    private final RelayKeyFile relayKey;
    private final long maxBytes;
    private final RateLimiter perAccount;
    private final Metrics metrics;

    private LearnEndpoint(HttpServer server, ExecutorService threads, RspamdController rspamd, RelayKeyFile relayKey,
                          long maxBytes, RateLimiter perAccount, Metrics metrics) {
        this.server = server;
        this.threads = threads;
        this.rspamd = rspamd;
        this.relayKey = relayKey;
        this.maxBytes = maxBytes;
        this.perAccount = perAccount;
        this.metrics = metrics;
    }

    /**
     * @param maxBytes   the largest message learned (the relay's message size limit)
     * @param perAccount lessons a minute, counted per account
     */
    public static LearnEndpoint start(int port, RspamdController rspamd, RelayKeyFile relayKey, long maxBytes,
                                      RateLimiter perAccount, Metrics metrics) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
        ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "learn");
            t.setDaemon(true);
            return t;
        });
        LearnEndpoint endpoint = new LearnEndpoint(server, threads, rspamd, relayKey, maxBytes, perAccount, metrics);
        server.createContext("/", endpoint::handle);
        server.setExecutor(threads);
        server.start();
        LOG.info("learn endpoint on port {}: the accounts' Junk moves teach rspamd at {}", endpoint.port(),
                rspamd.url());
        return endpoint;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String client = ClientAddress.of(exchange.getRemoteAddress());
            String path = exchange.getRequestURI().getRawPath();
            Optional<RspamdController.Lesson> lesson = lessonOf(path);
            if (lesson.isEmpty()) {
                answer(exchange, 404, "not found");
                return;
            }
            String kind = lesson.get().label();
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                answer(exchange, 405, "POST only");
                return;
            }
            Optional<AccountName> account = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            if (account.isEmpty()) {
                metrics.authFailure("learn");
                done(exchange, 401, kind, "unauthorized", "[" + client + "]", -1, "no valid account credential");
                return;
            }
            String who = account.get().value();
            long length = length(exchange.getRequestHeaders().getFirst("Content-Length"));
            if (length < 0) {
                answer(exchange, 411, "Content-Length required");
                return;
            }
            if (length > maxBytes) {
                done(exchange, 413, kind, "too_large", who, length, "over the limit of " + maxBytes + " bytes");
                return;
            }
            if (!perAccount.tryAcquire(who)) {
                done(exchange, 429, kind, "limited", who, length, "over the account's lessons a minute");
                return;
            }
            try {
                RspamdController.Learned learned = rspamd.learn(lesson.get(), exchange::getRequestBody, length);
                switch (learned) {
                    case ALREADY -> done(exchange, 200, kind, "already", who, length, "already learned");
                    case TOO_SHORT -> done(exchange, 200, kind, "too_short", who, length,
                            "too few words to learn");
                    default -> done(exchange, 200, kind, "learned", who, length, "learned");
                }
            } catch (RspamdController.Refused e) {
                done(exchange, 502, kind, "refused", who, length, "rspamd refused: " + e.getMessage());
            } catch (RspamdUnavailable e) {
                done(exchange, 503, kind, "unavailable", who, length, "rspamd unavailable ("
                        + e.cause().label() + "): " + Text.printable(String.valueOf(e.getMessage()), 200));
            }
        } catch (RuntimeException e) {
            LOG.warn("learn: request failed", e);
        }
    }

    /** Counts, logs one line, answers; the client reads a generic text (rspamd's own stays in the log). */
    private void done(HttpExchange exchange, int status, String lesson, String result, String who, long length,
                      String detail) throws IOException {
        metrics.spamLearn(lesson, result);
        String size = length < 0 ? "" : " (" + length + " bytes)";
        if (status == 200) {
            LOG.info("learn: {} taught {}{}: {}", who, lesson, size, detail);
        } else {
            LOG.warn("learn: {} not taught {}{}: {}", who, lesson, size, detail);
        }
        answer(exchange, status, status == 200 ? detail : result.replace('_', ' '));
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (status == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"mailstack learn\"");
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Optional<RspamdController.Lesson> lessonOf(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return switch (path.substring(PREFIX.length())) {
            case "spam" -> Optional.of(RspamdController.Lesson.SPAM);
            case "ham" -> Optional.of(RspamdController.Lesson.HAM);
            default -> Optional.empty();
        };
    }

    /** The account whose relay secret the Basic credential carries (RFC 7617), or empty. */
    private Optional<AccountName> authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        AccountName account;
        try {
            account = AccountName.of(pair.substring(0, colon));
        } catch (InvalidAccountNameException e) {
            return Optional.empty();
        }
        try {
            return relayKey.read().isSecretOf(account, pair.substring(colon + 1)) ? Optional.of(account)
                    : Optional.empty();
        } catch (IOException e) {
            LOG.error("learn: relay key unreadable, every lesson is refused: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static long length(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
