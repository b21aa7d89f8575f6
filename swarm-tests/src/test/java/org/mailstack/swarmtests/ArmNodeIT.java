package org.mailstack.swarmtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The linux/arm/v7 user-container image on the node labelled {@code arch=armhf} (run under qemu here): it is placed
 * only there, runs as an arm process, answers SMTP (RFC 5321 §4.2 greeting 220, EHLO 250), accepts a message from
 * the relay, and serves it over IMAP (RFC 9051 §6.2.3 LOGIN, §6.3.2 SELECT).
 *
 * <p>The account's home is a named volume, as {@code mailctl} makes it. The arm node keeps its images and volumes on
 * an ext4 disk without hashed directories ({@code scripts/lib/test-swarm.sh}): under qemu-user on a 64-bit kernel
 * the 32-bit JVM would otherwise get EOVERFLOW from readdir, which a real Pi's kernel never returns.
 */
@ExtendWith(TestSwarm.class)
class ArmNodeIT {
    /** The JVM starts, generates its key pair and opens its sockets 5–11× slower under emulation. */
    private static final Duration ARM_START = Duration.ofMinutes(4);
    private static final int SMTP_PORT = 12525;
    private static final int IMAP_PORT = 11143;
    private static final String PASSWORD = "arm test password";
    private static final String RELAY_SECRET = "relay-" + UUID.randomUUID();
    private static final String SERVICE = TestSwarm.uniqueName("arm");

    private static TestSwarm swarm;
    private static int smtp;
    private static int imap;

    @BeforeAll
    static void startTheArmService(TestSwarm testSwarm) throws IOException {
        swarm = testSwarm;
        secret(SERVICE + "-relay", RELAY_SECRET);
        secret(SERVICE + "-hash", BCrypt.withDefaults().hashToString(6, PASSWORD.toCharArray()));
        swarm.docker(1, "service", "create", "-d", "--name", SERVICE, "--label", TestSwarm.LABEL + "=" + SERVICE,
                "--constraint", "node.labels.arch==armhf",
                // The image's health check gives 30 s to start; emulated, the JVM needs longer (key generation).
                "--health-start-period", ARM_START.toSeconds() + "s",
                "--secret", "source=" + SERVICE + "-relay,target=relay_secret",
                "--secret", "source=" + SERVICE + "-hash,target=password_hash",
                "-e", "MAILSTACK_USER=bob", "-e", "MAILSTACK_DOMAIN=example.test",
                "-e", "MAILSTACK_IMAP_PLAIN_LOGIN=true",
                "--mount", "type=volume,source=" + SERVICE + ",destination=/home/box",
                "--publish", "mode=host,target=2525,published=" + SMTP_PORT,
                "--publish", "mode=host,target=1143,published=" + IMAP_PORT,
                swarm.registry() + "/mailstack/user-container:latest-armv7");
        smtp = swarm.forward(swarm.address(TestSwarm.ARM_NODE), SMTP_PORT);
        imap = swarm.forward(swarm.address(TestSwarm.ARM_NODE), IMAP_PORT);
        try {
            await().atMost(ARM_START).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                    .until(ArmNodeIT::banner, banner -> banner.startsWith("220"));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no SMTP banner from the arm service within " + ARM_START + ":\n"
                    + swarm.diagnose(SERVICE), e);
        }
    }

    private static void secret(String name, String value) throws IOException {
        Path file = Files.createTempFile("swarm-secret", "");
        try {
            Files.writeString(file, value, StandardCharsets.UTF_8);
            swarm.docker(1, "secret", "create", "--label", TestSwarm.LABEL + "=" + SERVICE, name, file.toString());
        } finally {
            Files.delete(file);
        }
    }

    private static String banner() throws IOException {
        try (LineClient client = new LineClient(smtp, 10_000)) {
            return client.smtpReply();
        }
    }

    @AfterAll
    static void removeTheArmService() {
        if (swarm == null) {
            return;
        }
        swarm.removeService(SERVICE);
        swarm.tryDocker(1, "secret", "rm", SERVICE + "-relay", SERVICE + "-hash");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> swarm.tryDocker(TestSwarm.ARM_NODE, "volume", "rm", SERVICE).code() == 0
                        || !swarm.docker(TestSwarm.ARM_NODE, "volume", "ls", "-q").contains(SERVICE));
    }

    @Test
    void runsOnlyOnTheArmNodeAsAnArmProcess() {
        // The task counts as running once the image's health check passed, a little after the banner.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> swarm.runningNodes(SERVICE), nodes -> !nodes.isEmpty());
        assertEquals(List.of(swarm.nodeName(TestSwarm.ARM_NODE)), swarm.runningNodes(SERVICE));
        String container = swarm.docker(TestSwarm.ARM_NODE, "ps", "-q",
                "--filter", "label=com.docker.swarm.service.name=" + SERVICE);
        assertEquals("armv7l", swarm.docker(TestSwarm.ARM_NODE, "exec", container, "uname", "-m"));
        // The swarm pulls by digest: the node knows the image by its id, not by the tag.
        String image = swarm.docker(TestSwarm.ARM_NODE, "inspect", "-f", "{{.Image}}", container);
        assertEquals("linux/arm/v7", swarm.docker(TestSwarm.ARM_NODE, "image", "inspect", "-f",
                "{{.Os}}/{{.Architecture}}/{{.Variant}}", image));
    }

    @Test
    void answersSmtpAndServesTheDeliveredMessageOverImap() throws IOException {
        try (LineClient client = new LineClient(smtp, 60_000)) {
            assertTrue(client.smtpReply().startsWith("220"));
            String ehlo = client.smtp("EHLO arm-test.example.test");
            assertTrue(ehlo.startsWith("250"), ehlo);
            String auth = client.smtp("AUTH PLAIN " + Base64.getEncoder()
                    .encodeToString(("\0relay\0" + RELAY_SECRET).getBytes(StandardCharsets.UTF_8)));
            assertTrue(auth.startsWith("235"), auth);
            assertTrue(client.smtp("MAIL FROM:<sender@example.org>").startsWith("250"));
            assertTrue(client.smtp("RCPT TO:<box@bob.example.test>").startsWith("250"));
            assertTrue(client.smtp("DATA").startsWith("354"));
            client.send("Subject: from the arm node");
            client.send("X-Arm-Test: " + SERVICE);
            client.send("");
            client.send("Delivered on linux/arm/v7.");
            String stored = client.smtp(".");
            assertTrue(stored.startsWith("250"), stored);
            client.smtp("QUIT");
        }
        try (LineClient client = new LineClient(imap, 60_000)) {
            assertTrue(client.line().startsWith("* OK"));
            String login = client.imap("a1", "LOGIN box@bob.example.test \"" + PASSWORD + "\"");
            assertTrue(login.contains("a1 OK"), login);
            String select = client.imap("a2", "SELECT INBOX");
            assertTrue(select.contains("* 1 EXISTS"), select);
            String fetch = client.imap("a3", "FETCH 1 (BODY.PEEK[HEADER.FIELDS (X-ARM-TEST)])");
            assertTrue(fetch.contains("X-Arm-Test: " + SERVICE), fetch);
            client.imap("a4", "LOGOUT");
        }
    }
}
