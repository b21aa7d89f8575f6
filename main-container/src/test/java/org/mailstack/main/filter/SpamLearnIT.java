package org.mailstack.main.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.mailstack.main.MainContainer;
import org.mailstack.main.testing.FixedAccountDirectory;
import org.mailstack.main.testing.MxClient;
import org.mailstack.main.testing.RedisProcess;
import org.mailstack.main.testing.RspamdProcess;
import org.mailstack.main.testing.TestConfigs;
import org.mailstack.main.testing.TestDns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The learn endpoint against Debian's real rspamd, as {@link SpamFilterIT} starts it, here with a redis for its
 * Bayes classifier and a controller password that only the main container holds: what an account's container sends
 * with its relay secret is learned (rspamd's {@code /stat} counts it, its Bayes statistics in redis grow by one
 * spam or ham); a wrong credential, a message over the size
 * limit, or lessons past the account's budget never reach rspamd.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpamLearnIT {
    private static final String PASSWORD = "controller-password-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    Path dir;
    TestDns dns;
    RedisProcess redis;
    RspamdProcess rspamd;
    MainContainer main;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(RspamdProcess.BINARY) && Files.isExecutable(RedisProcess.BINARY),
                "rspamd or redis is not installed: apt-get install rspamd redis-server (scripts/lib/test-tools.sh)");
        dns = new TestDns();
        dir = Files.createDirectories(Path.of("target", "spam-learn-it", UUID.randomUUID().toString()))
                .toAbsolutePath();
        redis = new RedisProcess(dir.resolve("redis"));
        rspamd = new RspamdProcess(Files.createDirectories(dir.resolve("rspamd")), dns.port(), redis.port(), PASSWORD)
                .start();
        Path password = Files.writeString(dir.resolve("controller_password"), PASSWORD + "\n");
        main = new MainContainer(TestConfigs.ephemeral(dir.resolve("main"), Map.of(
                "MAILSTACK_RSPAMD_URL", rspamd.url().toString(),
                "MAILSTACK_RSPAMD_CONTROLLER_URL", rspamd.controllerUrl().toString(),
                "MAILSTACK_RSPAMD_CONTROLLER_PASSWORD_FILE", password.toString(),
                "MAILSTACK_MAX_MESSAGE_SIZE", "20K",
                "MAILSTACK_LEARN_PER_MINUTE", "4")),
                new FixedAccountDirectory().with("alice", "127.0.0.1"),
                (account, login, pw, client) -> false).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (main != null) {
            main.close();
        }
        if (rspamd != null) {
            rspamd.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private static String basic(String account, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((account + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> teach(String lesson, String authorization, String message) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + main.learnPort()
                        + "/learn/" + lesson))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(message, StandardCharsets.UTF_8));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A message with enough words for the Bayes classifier (it learns nothing from fewer than 11 tokens). */
    private static String message(String subject, String words) {
        return "From: <someone@sender.example>\r\nTo: <box@alice.example.test>\r\nSubject: " + subject + "\r\n"
                + "Date: Mon, 7 Dec 2026 10:00:00 +0000\r\nMessage-ID: <" + UUID.randomUUID() + "@sender.example>\r\n"
                + "\r\n" + words + "\r\n";
    }

    /** rspamd's controller {@code /stat}, whose {@code learned} counts every message it learned. */
    private JsonNode stat() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(rspamd.controllerUrl().resolve("/stat"))
                .header("Password", PASSWORD).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /**
     * The Bayes classifier's own count of what it learned as spam or ham, in its redis ({@code HGET RS learns_spam}):
     * {@code /stat} shows it per statfile only after rspamd's next periodic look at redis.
     */
    private long learns(String lesson) throws Exception {
        String v = redis.cli("HGET", "RS", "learns_" + lesson);
        return v.isEmpty() ? 0 : Long.parseLong(v);
    }

    private double metric(String series) throws Exception {
        double v = MxClient.value(MxClient.scrape(main.adminPort()), series);
        return Double.isNaN(v) ? 0 : v;
    }

    static final String SPAMMY = "Cheap replica watches and pills, limited offer, click the link now to claim your "
            + "prize, winner winner, act now before the offer expires, best prices guaranteed for everyone today.";
    static final String HAMMY = "Hello Alice, the minutes of Thursday's meeting are attached; we agreed to move the "
            + "release to next week and to review the open questions about the schedule with the whole team.";

    @Test
    @Order(1)
    void theControllerItselfRefusesALessonWithoutItsPassword() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(rspamd.controllerUrl().resolve("/learnspam"))
                .POST(HttpRequest.BodyPublishers.ofString(message("direct", SPAMMY))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode(), "the test's rspamd trusts no client without the password: " + r.body());
    }

    @Test
    @Order(2)
    void aLessonWithTheAccountsRelaySecretIsLearnedAsSpamAndShowsInStat() throws Exception {
        long spamBefore = learns("spam");
        long learnedBefore = stat().path("learned").asLong();
        HttpResponse<String> r = teach("spam", basic("alice", TestConfigs.accountSecret("alice")),
                message("prize", SPAMMY));
        assertEquals(200, r.statusCode(), r.body() + "\n" + rspamd.diagnostics());
        assertEquals("learned", r.body().strip());
        assertEquals(spamBefore + 1, learns("spam"));
        assertEquals(0, learns("ham"));
        assertEquals(learnedBefore + 1, stat().path("learned").asLong());
        assertEquals(1.0, metric("mailstack_spam_learn_total{lesson=\"spam\",result=\"learned\"}"));
    }

    @Test
    @Order(3)
    void hamIsLearnedAsHam() throws Exception {
        long hamBefore = learns("ham");
        long spam = learns("spam");
        HttpResponse<String> r = teach("ham", basic("alice", TestConfigs.accountSecret("alice")),
                message("minutes", HAMMY));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(hamBefore + 1, learns("ham"));
        assertEquals(spam, learns("spam"));
        assertEquals(1.0, metric("mailstack_spam_learn_total{lesson=\"ham\",result=\"learned\"}"));
    }

    /** rspamd learns nothing from a message of a few words, and says so with a 204 that carries a body. */
    @Test
    @Order(4)
    void aMessageTooShortToLearnIsAnsweredAsSuchNotAsRspamdDown() throws Exception {
        long learned = stat().path("learned").asLong();
        HttpResponse<String> r = teach("spam", basic("dave", TestConfigs.accountSecret("dave")),
                message("short", "Buy cheap watches now."));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("too few words to learn", r.body().strip());
        assertEquals(learned, stat().path("learned").asLong());
        assertEquals(1.0, metric("mailstack_spam_learn_total{lesson=\"spam\",result=\"too_short\"}"));
        assertEquals(0.0, metric("mailstack_spam_learn_total{lesson=\"spam\",result=\"unavailable\"}"));
    }

    @Test
    @Order(4)
    void aWrongCredentialIsRefusedAndNothingIsLearned() throws Exception {
        long learned = stat().path("learned").asLong();
        String spam = message("again", SPAMMY + " Second copy.");
        assertEquals(401, teach("spam", null, spam).statusCode());
        assertEquals(401, teach("spam", basic("alice", "not-the-secret"), spam).statusCode());
        assertEquals(401, teach("spam", basic("bob", TestConfigs.accountSecret("alice")), spam).statusCode(),
                "alice's secret is no one else's");
        assertEquals(401, teach("spam", basic("../x", TestConfigs.accountSecret("alice")), spam).statusCode());
        assertEquals(404, teach("junk", basic("alice", TestConfigs.accountSecret("alice")), spam).statusCode());
        assertEquals(learned, stat().path("learned").asLong());
        assertEquals(4.0, metric("mailstack_spam_learn_total{lesson=\"spam\",result=\"unauthorized\"}"));
        assertTrue(metric("mailstack_auth_failures_total{protocol=\"learn\"}") >= 4);
    }

    @Test
    @Order(5)
    void aMessageOverTheSizeLimitIsRefusedUnread() throws Exception {
        long learned = stat().path("learned").asLong();
        HttpResponse<String> r = teach("spam", basic("alice", TestConfigs.accountSecret("alice")),
                message("big", (SPAMMY + "\r\n").repeat(200)));
        assertEquals(413, r.statusCode(), r.body());
        assertEquals(learned, stat().path("learned").asLong());
    }

    @Test
    @Order(6)
    void theSameMessageTwiceIsAlreadyLearnedAndPastTheBudgetNothingReachesRspamd() throws Exception {
        String account = basic("alice", TestConfigs.accountSecret("alice"));
        String once = message("twice", SPAMMY + " Once more with other words: discount, bonus, free shipping.");
        assertEquals(200, teach("spam", account, once).statusCode());
        HttpResponse<String> again = teach("spam", account, once);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("already learned", again.body().strip());
        assertEquals(1.0, metric("mailstack_spam_learn_total{lesson=\"spam\",result=\"already\"}"));
        // four lessons a minute: spam, ham, and the two above
        long learned = stat().path("learned").asLong();
        HttpResponse<String> limited = teach("ham", account, message("late", HAMMY + " A late addition."));
        assertEquals(429, limited.statusCode(), limited.body());
        assertEquals(learned, stat().path("learned").asLong());
        assertEquals(1.0, metric("mailstack_spam_learn_total{lesson=\"ham\",result=\"limited\"}"));
    }

    @Test
    @Order(7)
    void withRspamdDownALessonIsAnsweredUnavailableAndCounted() throws Exception {
        rspamd.stop();
        try {
            // the budget of this minute is spent: another account's lesson gets through the limiter
            HttpResponse<String> r = teach("spam", basic("carol", TestConfigs.accountSecret("carol")),
                    message("down", SPAMMY));
            assertEquals(503, r.statusCode(), r.body());
            assertEquals(1.0, metric("mailstack_spam_learn_total{lesson=\"spam\",result=\"unavailable\"}"));
        } finally {
            rspamd.start();
        }
    }
}
