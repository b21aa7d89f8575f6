package org.mailstack.mailctl.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.Ipv6Plan;
import org.mailstack.mailctl.CliRun;
import org.mailstack.mailctl.FakeSwarm;
import org.mailstack.mailctl.account.ServiceRequest;
import org.mailstack.mailctl.account.SwarmNode;

/** {@code create} on a stack with the routed IPv6 network: each account gets its own address from its node's /64. */
class CreateIpv6Test {
    final FakeSwarm swarm = new FakeSwarm();
    final CliRun cli = new CliRun(swarm);

    private int create(String user) {
        cli.stdin = "correct horse battery\n";
        return cli.execute("create", user, "--password-stdin", "--domain", "example.org");
    }

    private void routedPrefix(String prefix) {
        swarm.networks.add(Ipv6Plan.NETWORK);
        swarm.nodes.set(0, new SwarmNode("n1", "vm", "amd64", false, true, prefix));
    }

    @Test
    void theAccountJoinsTheRoutedNetworkWithItsDerivedAddressAndTheDnsShowsItsAaaa() {
        routedPrefix("2001:db8:0:101::/64");
        assertEquals(0, create("alice"), cli.err);

        ServiceRequest s = swarm.services.get("user-alice");
        String expected = Ipv6Plan.text(Ipv6Plan.of("2001:db8:0:101::/64")
                .account(AccountName.of("alice")));
        assertTrue(expected.startsWith("2001:db8:0:101:a:"), expected);
        assertEquals(Ipv6Plan.NETWORK, s.ipv6Network());
        assertEquals(expected, s.env().get(Ipv6Plan.ADDRESS_ENV));
        assertEquals(expected, s.labels().get(Ipv6Plan.SERVICE_ADDRESS_LABEL));
        assertTrue(cli.out.matches("(?s).*alice\\.example\\.org\\.\\s+3600 IN AAAA\\s+" + expected + "\\b.*"), cli.out);
    }

    @Test
    void withoutTheRoutedNetworkNothingIsAdded() {
        assertEquals(0, create("alice"), cli.err);

        ServiceRequest s = swarm.services.get("user-alice");
        assertNull(s.ipv6Network());
        assertNull(s.env().get(Ipv6Plan.ADDRESS_ENV));
        assertTrue(!cli.out.contains("AAAA"), cli.out);
    }

    @Test
    void aNodeWithoutItsPrefixLabelIsAnEnvironmentErrorThatSaysHowToLabelIt() {
        routedPrefix(null);
        assertEquals(3, create("alice"));

        assertTrue(cli.err.contains("docker node update --label-add " + Ipv6Plan.NODE_PREFIX_LABEL), cli.err);
        assertTrue(swarm.services.isEmpty());
        assertTrue(swarm.volumes.isEmpty(), "no volume before the address is known");
    }

    @Test
    void aMalformedPrefixLabelIsRefusedWithTheReason() {
        routedPrefix("2001:db8::/40");
        assertEquals(3, create("alice"));

        assertTrue(cli.err.contains("the length must be 48 to 64"), cli.err);
        assertTrue(swarm.services.isEmpty());
    }
}
