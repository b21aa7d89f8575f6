package org.mailstack.swarmtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Placement on the multi-node test swarm: a label constraint pins a service to one node, a spread preference puts
 * one replica on every node, draining a node moves its tasks to the others, and a node whose cable is cut is marked
 * down, its task runs elsewhere, and it is ready again once reconnected. The services run the published
 * manifest list {@code mailstack/user-container:latest}, resolved by each node, with a sleeping entrypoint: what is
 * tested is where tasks run, not mail.
 */
@ExtendWith(TestSwarm.class)
class PlacementIT {
    private static final Duration SCHEDULED = Duration.ofSeconds(90);

    private final String service = TestSwarm.uniqueName("place");
    private String drained;
    private TestSwarm swarm;

    private void create(TestSwarm swarm, String... placement) {
        this.swarm = swarm;
        List<String> args = new ArrayList<>(List.of("service", "create", "-d", "--name", service,
                "--label", TestSwarm.LABEL + "=" + service, "--entrypoint", "sleep", "--stop-signal", "KILL", "--no-healthcheck"));
        args.addAll(List.of(placement));
        args.addAll(List.of(swarm.registry() + "/mailstack/user-container:latest", "infinity"));
        swarm.docker(1, args.toArray(String[]::new));
    }

    @AfterEach
    void removeService() {
        if (swarm == null) {
            return;
        }
        if (drained != null) {
            swarm.docker(1, "node", "update", "--availability", "active", drained);
        }
        swarm.removeService(service);
    }

    @Test
    void labelConstraintPinsTheServiceToThatNode(TestSwarm swarm) {
        create(swarm, "--constraint", "node.labels.org.mailstack.test-node==2");

        await().atMost(SCHEDULED).pollInterval(Duration.ofSeconds(1))
                .until(() -> swarm.runningNodes(service), nodes -> !nodes.isEmpty());
        assertEquals(List.of(swarm.nodeName(2)), swarm.runningNodes(service));
    }

    /** One replica per node, spread by the node label; returns once all of them run. */
    private void createOnePerNode(TestSwarm swarm) {
        create(swarm, "--replicas", String.valueOf(TestSwarm.NODES),
                "--placement-pref", "spread=node.labels.org.mailstack.test-node");
        await().atMost(SCHEDULED).pollInterval(Duration.ofSeconds(1))
                .until(() -> swarm.runningNodes(service).size() == TestSwarm.NODES);
    }

    @Test
    void spreadPreferencePutsOneReplicaOnEachNode(TestSwarm swarm) {
        createOnePerNode(swarm);

        assertEquals(allNodes(swarm), new TreeSet<>(swarm.runningNodes(service)));
    }

    @Test
    void drainingANodeMovesItsTasksToTheOthers(TestSwarm swarm) {
        createOnePerNode(swarm);

        drained = swarm.nodeName(2);
        swarm.docker(1, "node", "update", "--availability", "drain", drained);

        await().atMost(SCHEDULED).pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<String> nodes = swarm.runningNodes(service);
            return nodes.size() == TestSwarm.NODES && !nodes.contains(drained);
        });
        Set<String> others = allNodes(swarm);
        others.remove(drained);
        assertEquals(others, new TreeSet<>(swarm.runningNodes(service)));
    }

    @Test
    void aNodeCutOffIsMarkedDownItsTaskMovesAndItComesBackWhenReconnected(TestSwarm swarm) {
        createOnePerNode(swarm);
        String cut = swarm.nodeName(2);

        swarm.cut(2);
        try {
            await().atMost(SCHEDULED).pollInterval(Duration.ofSeconds(1))
                    .until(() -> nodeState(swarm, cut), "down"::equals);
            await().atMost(SCHEDULED).pollInterval(Duration.ofSeconds(1)).until(() -> {
                List<String> nodes = swarm.runningNodes(service);
                return nodes.size() == TestSwarm.NODES && !nodes.contains(cut);
            });
        } finally {
            swarm.heal(2);
        }
        await().atMost(SCHEDULED).pollInterval(Duration.ofSeconds(1))
                .until(() -> nodeState(swarm, cut), "ready"::equals);
    }

    private static String nodeState(TestSwarm swarm, String node) {
        return swarm.docker(1, "node", "inspect", "-f", "{{.Status.State}}", node);
    }

    private static Set<String> allNodes(TestSwarm swarm) {
        Set<String> nodes = new TreeSet<>();
        for (int i = 1; i <= TestSwarm.NODES; i++) {
            nodes.add(swarm.nodeName(i));
        }
        return nodes;
    }
}
