package org.mailstack.swarmtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Draining a node and moving its account with {@code mailctl drain} (ADR 12): the account on node 2 holds mail; node 2
 * is drained, so the pinned account stops and new mail waits in the main queue; {@code mailctl drain --to} node 1
 * (the manager, amd64: the arm node is left alone, its JVM is slow under qemu) moves it, copying the volume from
 * node 2 while more mail arrives. Afterwards every message, old and new, is in the account's Maildir on node 1, the service runs
 * there, and the old volume is gone from node 2.
 */
class DrainIT extends AccountOnANode {
    private static final int FROM = 2;
    private static final int TO = 1;
    private static final Duration MOVE_LIMIT = Duration.ofMinutes(5);
    private static final Duration DELIVERY_LIMIT = Duration.ofMinutes(2);

    DrainIT() {
        super("drain", FROM);
    }

    @Override
    void restoreNode() {
        swarm.tryDocker(1, "node", "update", "--availability", "active", swarm.nodeName(FROM));
    }

    @Test
    void drainingTheNodeAndMovingTheAccountKeepsEveryMessage() throws Exception {
        String marker = "drain-" + UUID.randomUUID();
        for (int i = 1; i <= 3; i++) {
            main.send(user(), "before the drain " + i, marker);
        }
        StackObjects.awaitMessages(swarm, FROM, user(), marker, 3, DELIVERY_LIMIT);

        swarm.docker(1, "node", "update", "--availability", "drain", swarm.nodeName(FROM));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> swarm.runningNodes(service()).isEmpty());
        main.send(user(), "while drained", marker);

        CompletableFuture<Shell.Result> drain = CompletableFuture.supplyAsync(() -> StackObjects.mailctl(swarm, "",
                "drain", swarm.nodeName(FROM), "--to", swarm.nodeName(TO), "--from-docker", swarm.dockerHost(FROM),
                "--timeout", "180"));
        for (int i = 1; i <= 3; i++) {
            main.send(user(), "during the move " + i, marker);
        }
        Shell.Result moved = drain.get(MOVE_LIMIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(0, moved.code(), "mailctl drain:\n" + moved.output());
        assertTrue(moved.output().contains("moved " + user() + "\n")
                && moved.output().contains("Moved 1 account(s) off " + swarm.nodeName(FROM)), moved.output());

        StackObjects.awaitMessages(swarm, TO, user(), marker, 7, DELIVERY_LIMIT);
        assertEquals(List.of(swarm.nodeName(TO)), swarm.runningNodes(service()));
        assertFalse(swarm.docker(FROM, "volume", "ls", "-q").contains(service() + "-home"),
                "the old volume is removed once the copy matched");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
                .until(main::queueDepth, depth -> depth == 0.0);
    }
}
