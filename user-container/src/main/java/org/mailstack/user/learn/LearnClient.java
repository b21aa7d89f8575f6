package org.mailstack.user.learn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The main container's learn endpoint (ADR 24): {@code POST <base>/learn/spam} or {@code /learn/ham} with the message
 * as the body (its length known up front, no chunking) and {@code Authorization: Basic} of the account's name and its
 * relay secret, the credential the relay itself uses with this container (ADR 2). One bound covers the whole
 * exchange. Never logs the secret.
 */
public final class LearnClient {
    private final URI base;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;

    /** What the message is read from; opened once. */
    @FunctionalInterface
    public interface Body {
        InputStream open() throws IOException;
    }

    /**
     * @param base    the endpoint's base URL, e.g. {@code http://mailstack_main:9091}
     * @param account the account's name
     * @param secret  the account's relay secret
     */
    public LearnClient(URI base, String account, String secret, Duration timeout) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (account + ":" + secret).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends one lesson; returns the endpoint's short answer. IOException for anything but a 2xx answer (its status
     * and text in the message) or no answer within the bound.
     */
    public String teach(Lesson lesson, Body message, long size) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/learn/" + lesson.path()))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return message.open();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), size))
                .build();
        CompletableFuture<HttpResponse<String>> sent = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new IOException("no answer within " + timeout);
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException(cause.toString(), cause);
        }
        String text = oneLine(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + (text.isEmpty() ? "" : ": " + text));
        }
        return text;
    }

    private static String oneLine(String s) {
        String flat = s == null ? "" : s.replaceAll("[\\p{Cntrl}]+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) : flat;
    }

    @Override
    public String toString() {
        return "LearnClient[" + base + ", secret hidden]";
    }
}
