package org.mailstack.main.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mailstack.main.testing.MainContainerImage;
import org.mailstack.main.testing.SmtpConversation;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The running image's /metrics, after some traffic, passes {@code promtool check metrics} (Debian's prometheus). */
@Testcontainers
class PromtoolIT {
    @Container
    static final MainContainerImage MAIN = new MainContainerImage().withEnv("MAILSTACK_DOMAIN", "metrics-it.example.test");

    @Test
    void scrapedMetricsPassPromtool() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        assumeTrue(Files.isExecutable(promtool), "promtool missing: apt-get install prometheus");
        try (SmtpConversation c = SmtpConversation.open("127.0.0.1", MAIN.getMappedPort(MainContainerImage.SMTP))) {
            c.reply();
            c.send("EHLO probe");
            c.send("MAIL FROM:<a@elsewhere.example>");
            c.send("RCPT TO:<victim@elsewhere.example>");
        }
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + MAIN.getMappedPort(MainContainerImage.ADMIN) + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "promtool says:\n" + out + "\nabout:\n" + text);
    }
}
