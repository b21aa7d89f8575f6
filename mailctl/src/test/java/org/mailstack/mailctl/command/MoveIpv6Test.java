package org.mailstack.mailctl.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.Ipv6Plan;
import org.mailstack.mailctl.CliRun;
import org.mailstack.mailctl.FakeSwarm;
import org.mailstack.mailctl.account.Labels;
import org.mailstack.mailctl.account.SwarmNode;

/** {@code mailctl move} on a stack with routed IPv6: the account takes the new node's prefix (ADR 14). */
class MoveIpv6Test {
    static final String N2 = "unix:///n2.sock";

    final FakeSwarm manager = new FakeSwarm();
    final FakeSwarm node2 = new FakeSwarm();
    final CliRun cli = new CliRun(manager);

    @BeforeEach
    void aliceOnNodeTwoWithItsOwnAddress() {
        manager.networks.add(Ipv6Plan.NETWORK);
        manager.nodes.clear();
        manager.nodes.addAll(List.of(new SwarmNode("n1", "node-1", "amd64", false, true, "2001:db8:0:101::/64"),
                new SwarmNode("n2", "node-2", "amd64", false, false, "2001:db8:0:102::/64"),
                new SwarmNode("n3", "node-3", "amd64", false, true, null)));
        Accounts.add(manager, "alice", "n2");
        manager.setIpv6Address("user-alice", address("2001:db8:0:102::/64"));
        manager.volumes.clear();
        node2.nodeId = "n2";
        node2.volumes.put("user-alice-home", Map.of(Labels.ACCOUNT, "alice"));
        node2.volumeData.put("user-alice-home", "mail".getBytes(StandardCharsets.US_ASCII));
        cli.endpoints.put(N2, node2);
    }

    private static String address(String prefix) {
        return Ipv6Plan.text(Ipv6Plan.of(prefix).account(AccountName.of("alice")));
    }

    @Test
    void theMovedAccountGetsTheNewNodesPrefixAndSaysToUpdateItsAaaa() {
        assertEquals(0, cli.execute("move", "alice", "--to", "node-1", "--from-docker", N2), cli.err);

        String moved = address("2001:db8:0:101::/64");
        assertEquals(moved, manager.services.get("user-alice").env().get(Ipv6Plan.ADDRESS_ENV));
        assertEquals(moved, manager.services.get("user-alice").labels().get(Ipv6Plan.SERVICE_ADDRESS_LABEL));
        assertTrue(cli.err.contains("update its AAAA record"), cli.err);
    }

    @Test
    void aTargetWithoutARoutedPrefixIsRefusedBeforeAnythingStops() {
        Map<String, Integer> before = new HashMap<>(manager.replicas);

        FakeSwarm node3 = new FakeSwarm();
        node3.nodeId = "n3";
        cli.endpoints.put("unix:///n3.sock", node3);

        assertEquals(3, cli.execute("move", "alice", "--to", "node-3", "--from-docker", N2, "--to-docker",
                "unix:///n3.sock"));
        assertTrue(cli.err.contains("node-3 has no IPv6 prefix"), cli.err);
        assertEquals(before, manager.replicas, "the account was not stopped");
        assertTrue(node2.volumes.containsKey("user-alice-home"));
    }
}
