package org.mailstack.main.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailstack.main.testing.MainContainerImage;
import org.mailstack.main.testing.MxClient;
import org.mailstack.main.testing.SmtpConversation;
import org.mailstack.main.testing.TestAccounts;
import org.mailstack.main.testing.UserBox;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;

/**
 * A user container stopped for well over a minute, with the product's default queue settings (30 s first retry,
 * doubling up to 1 h, 5 days expiry): the relay accepts its mail, keeps it queued, and delivers it once within a
 * minute of the container's return, without a DSN.
 * <p>
 * The container stays down until the relay has failed three times (at about 0, 30 and 90 s); by the schedule alone
 * the next attempt would come about 120 s later (the envelope in the spool says when), so delivery before that time
 * shows that the queue reacted to the container coming back.
 */
class ReturningUserContainerIT {
    static final String DOMAIN = "return-it.example.test";
    static final String RELAY_KEY = "relay-key-" + UUID.randomUUID();
    static final TestAccounts ACCOUNTS = new TestAccounts();
    static final String USER = TestAccounts.uniqueUser("r");
    static final String UP = "mailstack_user_container_up{account=\"" + USER + "\"}";
    static final String TEMPORARY_FAILURES = "mailstack_delivery_failures_total{kind=\"local\",type=\"temporary\"}";
    static Network network;
    static UserBox box;
    static MainContainerImage main;

    @BeforeAll
    static void start() {
        ACCOUNTS.create(USER);
        network = Network.newNetwork();
        box = new UserBox(network, USER, DOMAIN, "pw", RELAY_KEY);
        main = new MainContainerImage().withDockerSocket().withNetwork(network)
                .withEnv("MAILSTACK_DOMAIN", DOMAIN)
                .withCopyToContainer(Transferable.of(RELAY_KEY, 0400), "/run/secrets/relay_key");
        box.start();
        main.start();
    }

    @AfterAll
    static void stop() {
        for (GenericContainer<?> c : new GenericContainer<?>[] {main, box}) {
            if (c != null) {
                c.stop();
            }
        }
        if (network != null) {
            network.close();
        }
        ACCOUNTS.close();
    }

    static double metric(String series) throws Exception {
        double v = MxClient.value(MxClient.scrape(main.livePort(MainContainerImage.ADMIN)), series);
        return Double.isNaN(v) ? 0 : v;
    }

    /** The spooled envelope(s) in the main container: retry state as the queue wrote it. */
    static String envelope() throws Exception {
        return main.execInContainer("sh", "-c", "cat /var/spool/mailstack/queue/*.env").getStdout();
    }

    @Test
    void aContainerStoppedForOverAMinuteGetsItsMailOnceWithinAMinuteOfItsReturn() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> metric(UP) == 1.0);
        box.getDockerClient().stopContainerCmd(box.getContainerId()).withTimeout(10).exec();
        Instant stopped = Instant.now();

        String subject = "while-away-" + UUID.randomUUID();
        try (SmtpConversation c = MxClient.greet(main.livePort(MainContainerImage.SMTP))) {
            String reply = MxClient.send(c, "x@elsewhere.example", "box@" + USER + "." + DOMAIN, subject);
            assertTrue(reply.startsWith("250"), reply);
        }
        assertEquals(1.0, metric("mailstack_queue_depth"), "queued, not lost");

        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> metric(TEMPORARY_FAILURES) >= 3);
        Instant scheduled = await().atMost(Duration.ofSeconds(10)).until(ReturningUserContainerIT::envelope,
                env -> env.contains("attempts: 3\n")).lines().filter(l -> l.startsWith("next: "))
                .map(l -> Instant.parse(l.substring(6))).findFirst().orElseThrow();
        Instant back = Instant.now();
        Duration away = Duration.between(stopped, back);
        assertTrue(away.toSeconds() >= 60, "stopped for " + away);
        assertEquals(0.0, metric(UP), "the probe saw the container down");
        assertEquals(1.0, metric("mailstack_queue_depth"));

        box.getDockerClient().startContainerCmd(box.getContainerId()).exec();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> box.subjects().contains(subject));
        Instant arrived = Instant.now();
        System.out.printf("returning user container: stopped %d s, mail delivered %d s after its start, "
                + "%d s before its scheduled retry%n", away.toSeconds(), Duration.between(back, arrived).toSeconds(),
                Duration.between(arrived, scheduled).toSeconds());
        assertTrue(arrived.isBefore(scheduled), "delivered by the wake-up, not by the schedule (" + scheduled + ")");

        await().atMost(Duration.ofSeconds(10)).until(() -> metric("mailstack_queue_depth") == 0.0);
        assertEquals(1, box.subjects().stream().filter(subject::equals).count(), "delivered exactly once");
        assertEquals(0.0, metric("mailstack_dsn_generated_total"), "no DSN");
        assertEquals(1.0, metric(UP));
    }
}
