package org.mailstack.swarmtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ./mailstack up} makes on a real swarm before any account exists (the mail network, and the relay key
 * with its Docker secret for the main service, made by {@code mailctl relay-key}), and the real {@code mailctl} run
 * against the test swarm's manager with the image from its registry and a data directory of the tests' own.
 */
final class StackObjects {
    static final String DOMAIN = "example.test";
    private static final Duration MAILCTL_LIMIT = Duration.ofMinutes(5);
    /** The host data directory mailctl keeps the relay key in, for every test class of this run. */
    static final Path DATA_DIR = Path.of(System.getProperty("java.io.tmpdir"), "mailstack-swarm-tests-data");

    private StackObjects() {
    }

    /**
     * The overlay network and the relay key; what exists already (made by another test class) is kept. The manager
     * pulls the user-container image: mailctl reads its architecture from the manager's image store.
     *
     * @return the name of the relay key's Docker secret, for the main service
     */
    static String ensure(TestSwarm swarm, String label) {
        swarm.tryDocker(1, "network", "create", "-d", "overlay", "--attachable",
                "--label", TestSwarm.LABEL + "=" + label, "mailstack-mail");
        swarm.docker(1, "pull", "-q", userImage(swarm));
        return relayKeySecret(swarm);
    }

    /** {@code mailctl relay-key}: the key in {@link #DATA_DIR} and its Docker secret; returns the secret's name. */
    static String relayKeySecret(TestSwarm swarm) {
        Shell.Result key = mailctl(swarm, "", "relay-key");
        assertEquals(0, key.code(), "mailctl relay-key:\n" + key.output());
        return key.output().lines().filter(l -> l.startsWith("mailstack-relay-key-")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("mailctl relay-key printed no secret name:\n" + key.output()));
    }

    /** The user-container image as accounts name it: the manifest list in the test swarm's registry. */
    static String userImage(TestSwarm swarm) {
        return swarm.registry() + "/mailstack/user-container:latest";
    }

    /** Runs the real mailctl against the manager; returns its exit code and output. */
    static Shell.Result mailctl(TestSwarm swarm, String stdin, String... args) {
        Path jar = Path.of(System.getProperty("mailstack.root", ".."), "mailctl", "target", "app", "mailctl.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: build the mailctl module first");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString(), "--docker-host", swarm.dockerHost(1),
                "--domain", DOMAIN, "--image", userImage(swarm), "--data-dir", DATA_DIR.toString()));
        command.addAll(List.of(args));
        return Shell.tryRun(MAILCTL_LIMIT, command, stdin);
    }

    /** Creates an account on node {@code node} with the real mailctl and waits for its health (mailctl's own wait). */
    static void createAccount(TestSwarm swarm, String user, int node) {
        Shell.Result created = mailctl(swarm, "password of " + user + "\n", "create", user, "--node",
                swarm.nodeName(node), "--password-stdin", "--timeout", "180");
        assertEquals(0, created.code(), "mailctl create " + user + ":\n" + created.output());
    }

    /**
     * Deletes the account, then its volume on each of {@code nodes} (the test's mail is of no value): mailctl deletes
     * the volume of an account on another node only with {@code --keep-volume}, leaving it there.
     */
    static void deleteAccount(TestSwarm swarm, String user, int... nodes) {
        mailctl(swarm, "", "delete", user, "--keep-volume");
        String volume = "user-" + user + "-home";
        for (int node : nodes) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> swarm.tryDocker(node, "volume", "rm", volume).code() == 0
                            || !swarm.docker(node, "volume", "ls", "-q").contains(volume));
        }
    }

    /**
     * Counts the files in the account's Maildir (any folder, {@code new/} or {@code cur/}) on node {@code node} that
     * contain {@code text}, read with {@code docker exec} in the account's running container there; -1 when no
     * container of the account runs on that node.
     */
    static int messagesContaining(TestSwarm swarm, int node, String user, String text) {
        String container = swarm.docker(node, "ps", "-q", "--filter",
                "label=com.docker.swarm.service.name=user-" + user).strip();
        if (container.isEmpty()) {
            return -1;
        }
        Shell.Result found = swarm.tryDocker(node, "exec", container, "bash", "-c",
                "grep -rlF -- \"$1\" /home/box/Maildir | grep -E '/(new|cur)/' | wc -l", "_", text);
        return found.code() == 0 ? Integer.parseInt(found.output().strip()) : -1;
    }

    /** Waits until the account's Maildir on {@code node} holds {@code count} messages containing {@code text}. */
    static void awaitMessages(TestSwarm swarm, int node, String user, String text, int count, Duration limit) {
        await().atMost(limit).pollInterval(Duration.ofSeconds(2))
                .until(() -> messagesContaining(swarm, node, user, text), n -> n == count);
    }
}
