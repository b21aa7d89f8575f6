package org.mailstack.main.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.main.MainContainer;
import org.mailstack.main.testing.FixedAccountDirectory;
import org.mailstack.main.testing.SmtpConversation;
import org.mailstack.main.testing.TestConfigs;

class MetricsEndpointTest {
    @TempDir
    Path dir;

    static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    @Test
    void scrapeShowsTrafficRejectsQueueAndCertificateExpiry() throws Exception {
        var config = TestConfigs.ephemeral(dir, Map.of());
        try (MainContainer main = new MainContainer(config, new FixedAccountDirectory().with("alice", "127.0.0.1"),
                (a, u, p, c) -> false).start()) {
            try (SmtpConversation c = SmtpConversation.open("127.0.0.1", main.smtpPort())) {
                c.reply();
                c.send("EHLO probe");
                c.send("MAIL FROM:<a@elsewhere.example>");
                c.send("RCPT TO:<victim@elsewhere.example>");
                c.send("RCPT TO:<box@nobody.example.test>");
            }
            String text = get(main.adminPort(), "/metrics");
            assertTrue(text.contains("mailstack_connections_total{protocol=\"smtp\"} 1"), text);
            assertTrue(text.contains("mailstack_messages_received_total{listener=\"smtp\"} 1"), text);
            assertTrue(text.contains("mailstack_messages_rejected_total{listener=\"smtp\",reason=\"relay_denied\"} 1"),
                    text);
            assertTrue(text.contains("mailstack_messages_rejected_total{listener=\"smtp\",reason=\"unknown_user\"} 1"),
                    text);
            assertTrue(text.contains("mailstack_queue_depth 0"), text);
            assertTrue(text.contains("mailstack_queue_oldest_age_seconds"), text);
            assertTrue(text.contains("mailstack_tls_certificate_expiry_timestamp_seconds"), text);
            assertTrue(get(main.adminPort(), "/-/healthy").contains("Exporter is healthy"));
        }
    }
}
