package org.mailstack.main.filter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * rspamd's controller worker, which learns: {@code POST /learnspam} or {@code /learnham} with the message as the
 * body, and the controller's password in the {@code Password} header when one is configured (read from its file at
 * each lesson, so a new password is picked up). rspamd answers {@code {"success":true}} when it learned, and an
 * error naming the message when it had already learned it as that (HTTP 208), and 204 when the message has too few
 * words to learn (rspamd 3.4 sends that 204 with a body, which Java's HTTP client refuses to read: its refusal is
 * taken for the 204 it is); anything else is a refusal.
 */
public final class RspamdController {
    private final URI controller;
    private final Path passwordFile;
    private final Duration timeout;
    private final HttpClient http;

    /** spam or ham, and the controller's command for it. */
    public enum Lesson {
        SPAM("/learnspam"),
        HAM("/learnham");

        private final String command;

        Lesson(String command) {
            this.command = command;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What rspamd did with a lesson it answered: learned it, had already learned it as that, or could not learn it
     * because it holds too few words for its classifier (HTTP 204, "too few tokens"; nothing to fix, nothing learned).
     */
    public enum Learned { LEARNED, ALREADY, TOO_SHORT }

    /** rspamd answered that it did not learn, with its reason (one line). */
    public static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    public RspamdController(URI controller, Path passwordFile, Duration timeout) {
        this.controller = controller;
        this.passwordFile = passwordFile;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI url() {
        return controller;
    }

    /** Has rspamd learn the {@code size} bytes {@code body} gives as {@code lesson}; bounded by the timeout. */
    public Learned learn(Lesson lesson, RspamdClient.Body body, long size) throws RspamdUnavailable, Refused {
        HttpRequest.Builder b = HttpRequest.newBuilder(controller.resolve(lesson.command))
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return body.open();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), size));
        try {
            password().ifPresent(p -> b.header("Password", p));
        } catch (IOException e) {
            throw new RspamdUnavailable(RspamdUnavailable.Cause.BAD_ANSWER, "controller password unreadable: "
                    + e.getMessage(), e);
        }
        HttpResponse<byte[]> response;
        try {
            response = RspamdUnavailable.await(http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray()),
                    timeout);
        } catch (RspamdUnavailable e) {
            if (e.getCause() instanceof IOException io && String.valueOf(io.getMessage()).contains("204 response")) {
                return Learned.TOO_SHORT;
            }
            throw e;
        }
        if (response.statusCode() == 204) {
            return Learned.TOO_SHORT;
        }
        String answer = Text.printable(new String(response.body(), StandardCharsets.UTF_8), 300);
        if (response.statusCode() == 200 && answer.contains("\"success\"") && answer.contains("true")) {
            return Learned.LEARNED;
        }
        if (response.statusCode() == 208 || answer.contains("already learned")) {
            return Learned.ALREADY;
        }
        throw new Refused("HTTP " + response.statusCode() + ": " + answer);
    }

    /** The password, or empty when the controller needs none (no file). */
    private Optional<String> password() throws IOException {
        try {
            String p = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            return p.isEmpty() ? Optional.empty() : Optional.of(p);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }


    @Override
    public String toString() {
        return "RspamdController[" + controller + "]";
    }
}
