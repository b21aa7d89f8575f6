package org.mailstack.mailctl.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.mailstack.mailctl.account.TaskInfo;

/** {@code mailctl move}: the manager is node n1; alice lives on n2, reached through its own endpoint. */
class MoveCommandTest {
    static final String N2 = "unix:///n2.sock";
    static final byte[] MAIL = "the Maildir of alice".getBytes(StandardCharsets.US_ASCII);

    final FakeSwarm manager = new FakeSwarm();
    final FakeSwarm node2 = new FakeSwarm();
    final CliRun cli = new CliRun(manager);

    @BeforeEach
    void aliceOnNodeTwo() {
        manager.nodes.clear();
        manager.nodes.addAll(List.of(new SwarmNode("n1", "node-1", "amd64", false, true),
                new SwarmNode("n2", "node-2", "amd64", false, false),
                new SwarmNode("n3", "node-3", "amd64", false, true)));
        Accounts.add(manager, "alice", "n2");
        manager.volumes.clear();
        node2.nodeId = "n2";
        node2.volumes.put("user-alice-home", Map.of(Labels.ACCOUNT, "alice"));
        node2.volumeData.put("user-alice-home", MAIL);
        cli.endpoints.put(N2, node2);
    }

    @Test
    void copiesTheVolumeRepinsTheServiceAndRemovesTheOldVolume() {
        assertEquals(0, cli.execute("move", "alice", "--to", "node-1", "--from-docker", N2), cli.err);

        assertEquals(List.of("node.id==n1"), manager.services.get("user-alice").constraints());
        assertEquals(1, manager.replicas.get("user-alice"));
        assertArrayEquals(MAIL, manager.volumeData.get("user-alice-home"), "the mail is on the new node");
        assertEquals("alice", manager.volumes.get("user-alice-home").get(Labels.ACCOUNT));
        assertFalse(node2.volumes.containsKey("user-alice-home"), "the old volume is gone");
        assertTrue(cli.out.startsWith("Account alice moved from node-2 to node-1"), cli.out);
        assertTrue(cli.err.contains("waits in the main queue"), cli.err);
    }

    @Test
    void anEmptyVolumeOfThatNameOnTheNewNodeIsFilled() {
        manager.volumes.put("user-alice-home", Map.of());
        manager.volumeData.put("user-alice-home", new byte[0]);

        assertEquals(0, cli.execute("move", "alice", "--to", "node-1", "--from-docker", N2), cli.err);
        assertArrayEquals(MAIL, manager.volumeData.get("user-alice-home"));
    }

    @Test
    void keepOldVolumeKeepsItAndJsonReportsIt() {
        assertEquals(0, cli.execute("move", "alice", "--to", "n1", "--from-docker", N2, "--keep-old-volume",
                "--json"), cli.err);

        assertTrue(node2.volumes.containsKey("user-alice-home"));
        assertEquals("{\"user\":\"alice\",\"from\":\"node-2\",\"to\":\"node-1\",\"files\":1,\"messages\":"
                + MAIL.length + ",\"oldVolumeKept\":true}", cli.out.strip());
    }

    @Test
    void aCopyThatDiffersLeavesTheAccountOnItsNodeWithItsVolume() {
        manager.truncateImports = true;

        assertEquals(1, cli.execute("move", "alice", "--to", "node-1", "--from-docker", N2));

        assertTrue(cli.err.contains("differs") && cli.err.contains("alice stays on node-2"), cli.err);
        assertEquals(List.of("node.id==n2"), manager.services.get("user-alice").constraints());
        assertEquals(1, manager.replicas.get("user-alice"), "scaled back up");
        assertFalse(manager.volumes.containsKey("user-alice-home"), "the broken copy is removed");
        assertArrayEquals(MAIL, node2.volumeData.get("user-alice-home"));
        assertTrue(node2.volumes.containsKey("user-alice-home"));
    }

    @Test
    void anEndpointOfAnotherNodeIsBadUsageAndStopsNothing() {
        assertEquals(2, cli.execute("move", "alice", "--to", "node-1"));

        assertTrue(cli.err.contains("--from-docker") && cli.err.contains("not node-2"), cli.err);
        assertNull(manager.replicas.get("user-alice"));
    }

    @Test
    void anUnreachableNodeExitsThreeAndSaysTheMailWaits() {
        node2.reachable = false;

        assertEquals(3, cli.execute("move", "alice", "--to", "node-1", "--from-docker", N2));

        assertTrue(cli.err.contains("node-2 cannot be reached") && cli.err.contains("waits in the main"), cli.err);
        assertNull(manager.replicas.get("user-alice"));
    }

    @Test
    void notHealthyOnTheNewNodeKeepsTheOldVolume() {
        manager.tasks = r -> List.of(new TaskInfo("bad", "n1", "failed", "running", "no such image", null,
                "2026-01-01T00:00:00Z"), new TaskInfo("bad2", "n1", "failed", "running", null, null, "x"),
                new TaskInfo("bad3", "n1", "failed", "running", null, null, "x"));

        assertEquals(1, cli.execute("move", "alice", "--to", "node-1", "--from-docker", N2));

        assertTrue(cli.err.contains("old volume user-alice-home is kept on node-2"), cli.err);
        assertTrue(node2.volumes.containsKey("user-alice-home"));
        assertEquals(List.of("node.id==n1"), manager.services.get("user-alice").constraints());
    }

    @Test
    void refusesWhatCannotBeMoved() {
        assertEquals(1, cli.execute("move", "ghost", "--to", "node-1"));
        assertTrue(cli.err.contains("no account ghost"), cli.err);
        assertEquals(1, cli.execute("move", "alice", "--to", "node-9", "--from-docker", N2));
        assertTrue(cli.err.contains("no node 'node-9'"), cli.err);
        assertEquals(1, cli.execute("move", "alice", "--to", "node-2", "--from-docker", N2));
        assertTrue(cli.err.contains("on node-2 already"), cli.err);
        manager.volumes.put("user-alice-home", Map.of());
        manager.volumeData.put("user-alice-home", "other mail".getBytes(StandardCharsets.US_ASCII));
        assertEquals(1, cli.execute("move", "alice", "--to", "node-1", "--from-docker", N2));
        assertTrue(cli.err.contains("on node-1 holds files already"), cli.err);
        assertEquals(2, cli.execute("move", "Alice!", "--to", "node-1"));
        assertEquals(2, cli.execute("move", "alice"), "--to is required");
        assertEquals(2, cli.execute("move", "alice", "--to", "node-1", "--timeout", "0"));
        assertNull(manager.replicas.get("user-alice"), "nothing was stopped");
    }

    @Test
    void aNodeThatIsNotActiveIsRefused() {
        manager.nodes.set(2, new SwarmNode("n3", "node-3", "amd64", false, false));
        cli.endpoints.put("unix:///n3.sock", new FakeSwarm());

        assertEquals(1, cli.execute("move", "alice", "--to", "node-3", "--from-docker", N2));
        assertTrue(cli.err.contains("node-3 is not ready and active"), cli.err);
    }
}
