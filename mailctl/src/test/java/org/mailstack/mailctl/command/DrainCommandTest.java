package org.mailstack.mailctl.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailstack.mailctl.CliRun;
import org.mailstack.mailctl.FakeSwarm;
import org.mailstack.mailctl.account.Labels;
import org.mailstack.mailctl.account.SwarmNode;

/** {@code mailctl drain}: alice and bob on the drained node n2, carol on n3; the manager is n1. */
class DrainCommandTest {
    static final String N2 = "unix:///n2.sock";

    final FakeSwarm manager = new FakeSwarm();
    final FakeSwarm node2 = new FakeSwarm();
    final CliRun cli = new CliRun(manager);

    @BeforeEach
    void accounts() {
        manager.nodes.clear();
        manager.nodes.addAll(List.of(new SwarmNode("n1", "node-1", "amd64", false, true),
                new SwarmNode("n2", "node-2", "amd64", false, false),
                new SwarmNode("n3", "node-3", "amd64", false, true)));
        node2.nodeId = "n2";
        for (String user : List.of("alice", "bob")) {
            Accounts.add(manager, user, "n2");
            node2.volumes.put("user-" + user + "-home", Map.of(Labels.ACCOUNT, user));
            node2.volumeData.put("user-" + user + "-home", (user + "'s mail").getBytes(StandardCharsets.US_ASCII));
        }
        Accounts.add(manager, "carol", "n3");
        manager.volumes.clear();
        cli.endpoints.put(N2, node2);
    }

    @Test
    void movesEveryAccountOfTheDrainedNodeAndNoOther() {
        assertEquals(0, cli.execute("drain", "node-2", "--to", "node-1", "--from-docker", N2), cli.err);

        assertEquals(List.of("node.id==n1"), manager.services.get("user-alice").constraints());
        assertEquals(List.of("node.id==n1"), manager.services.get("user-bob").constraints());
        assertEquals(List.of("node.id==n3"), manager.services.get("user-carol").constraints());
        assertTrue(node2.volumes.isEmpty());
        assertEquals("moved alice\nmoved bob\nMoved 2 account(s) off node-2.", cli.out.strip());
    }

    @Test
    void anActiveNodeIsRefused() {
        assertEquals(1, cli.execute("drain", "node-3", "--to", "node-1"));

        assertTrue(cli.err.contains("node-3 is still active: drain it first"), cli.err);
        assertEquals(List.of("node.id==n3"), manager.services.get("user-carol").constraints());
    }

    @Test
    void stopsAtTheFirstFailureAndSaysWhatWasMoved() {
        manager.volumes.put("user-bob-home", Map.of());
        manager.volumeData.put("user-bob-home", "other mail".getBytes(StandardCharsets.US_ASCII));

        assertEquals(1, cli.execute("drain", "node-2", "--to", "node-1", "--from-docker", N2));

        assertTrue(cli.err.contains("(moved before: alice)"), cli.err);
        assertEquals(List.of("node.id==n1"), manager.services.get("user-alice").constraints());
        assertEquals(List.of("node.id==n2"), manager.services.get("user-bob").constraints());
        assertFalse(node2.volumes.containsKey("user-alice-home"));
        assertTrue(node2.volumes.containsKey("user-bob-home"));
    }
}
