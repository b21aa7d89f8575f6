package org.mailstack.swarmtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * A node cut off from the swarm: mail for an account on it is accepted by the MX (the manager still knows the account
 * by its service labels), waits in the main container's queue while the node is unreachable, and arrives in the
 * account's Maildir once the node's cable is plugged back in. The account is not rescheduled elsewhere: its volume
 * is on that node (ADR 4, ADR 12).
 */
class NodeCutOffIT extends AccountOnANode {
    private static final int NODE = 2;
    private static final Duration DOWN_LIMIT = Duration.ofSeconds(60);
    private static final Duration DELIVERY_LIMIT = Duration.ofMinutes(3);

    NodeCutOffIT() {
        super("cut", NODE);
    }

    @Override
    void restoreNode() {
        swarm.heal(NODE);
    }

    @Test
    void mailWaitsInTheQueueWhileTheNodeIsCutOffAndArrivesWhenItIsBack() throws IOException {
        String marker = "cut-" + UUID.randomUUID();
        main.send(user(), "before the cut", marker);
        StackObjects.awaitMessages(swarm, NODE, user(), marker, 1, DELIVERY_LIMIT);
        // The relay deletes its copy on the 250, just after the file appears: cut only once the queue is empty.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(main::queueDepth, depth -> depth == 0.0);

        swarm.cut(NODE);
        try {
            await().atMost(DOWN_LIMIT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> swarm.docker(1, "node", "inspect", "-f", "{{.Status.State}}", swarm.nodeName(NODE)),
                            "down"::equals);
            main.send(user(), "during the cut", marker);
            main.send(user(), "during the cut, again", marker);
            // Still queued after several retries (every 2–5 s): nothing can reach the node.
            await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(3))
                    .until(main::queueDepth, depth -> depth == 2.0);
        } finally {
            swarm.heal(NODE);
        }

        StackObjects.awaitMessages(swarm, NODE, user(), marker, 3, DELIVERY_LIMIT);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
                .until(main::queueDepth, depth -> depth == 0.0);
        // The swarm's own view of the task catches up after the node's return.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .until(() -> swarm.runningNodes(service()), nodes -> !nodes.isEmpty());
        assertEquals(List.of(swarm.nodeName(NODE)), swarm.runningNodes(service()),
                "the account stayed on its node");
    }
}
