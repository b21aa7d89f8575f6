package org.mailstack.swarmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Accounts created with the real {@code mailctl} on the multi-node test swarm spread over the nodes by load: each new
 * account goes to the amd64 node holding the fewest accounts, never to the node labelled {@code arch=armhf} (the
 * published list resolves to amd64 on the manager), and each service is pinned to its node.
 */
@ExtendWith(TestSwarm.class)
class AccountsSpreadIT {
    private static final String ACCOUNT_LABEL = "org.mailstack.account";
    private static final Duration CREATE_LIMIT = Duration.ofMinutes(3);
    private static final int ACCOUNTS = 4;

    private static TestSwarm swarm;
    private static Path mailctl;

    @BeforeAll
    static void prepareTheStackObjects(TestSwarm testSwarm) {
        swarm = testSwarm;
        mailctl = Path.of(System.getProperty("mailstack.root", ".."), "mailctl", "target", "app", "mailctl.jar");
        assertTrue(Files.isRegularFile(mailctl), mailctl + " is missing: build the mailctl module first");
        // What './mailstack up' makes on a real swarm: the mail network and the relay key.
        StackObjects.ensure(swarm, "spread");
    }

    private static String image() {
        return swarm.registry() + "/mailstack/user-container:latest";
    }

    @AfterAll
    static void removeAccounts() {
        if (swarm == null) {
            return;
        }
        for (int i = 1; i <= ACCOUNTS; i++) {
            StackObjects.deleteAccount(swarm, "spread" + i, 1, 2);
        }
        for (String service : swarm.docker(1, "service", "ls", "-q", "--filter", "label=" + ACCOUNT_LABEL)
                .split("\\s+")) {
            if (!service.isBlank()) {
                swarm.removeService(service);
            }
        }
    }

    @Test
    void newAccountsGoToTheLeastLoadedAmd64Node() {
        for (int i = 1; i <= ACCOUNTS; i++) {
            Shell.Result created = Shell.tryRun(CREATE_LIMIT, List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", mailctl.toString(),
                    "--docker-host", swarm.dockerHost(1), "--image", image(),
                    "--data-dir", StackObjects.DATA_DIR.toString(),
                    "create", "spread" + i, "--password-stdin", "--timeout", "150"), "spread password " + i + "\n");
            assertEquals(0, created.code(), "mailctl create spread" + i + ":\n" + created.output());
        }

        Map<String, Integer> perNode = new TreeMap<>();
        for (String node : accountNodes()) {
            perNode.merge(node, 1, Integer::sum);
        }
        assertEquals(Map.of(swarm.nodeName(1), ACCOUNTS / 2, swarm.nodeName(2), ACCOUNTS / 2), perNode);
    }

    /** The node of every account service's running task. */
    private static List<String> accountNodes() {
        List<String> nodes = new ArrayList<>();
        for (String service : swarm.docker(1, "service", "ls", "--format", "{{.Name}}",
                "--filter", "label=" + ACCOUNT_LABEL).split("\\s+")) {
            if (!service.isBlank()) {
                nodes.addAll(swarm.runningNodes(service));
            }
        }
        return nodes;
    }
}
