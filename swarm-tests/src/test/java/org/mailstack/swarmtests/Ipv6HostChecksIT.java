package org.mailstack.swarmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The start-up checks of the IPv6 setting ({@code scripts/lib/ipv6.sh check}, which {@code ./mailstack up} runs
 * first) on a host this test makes: a fresh network namespace, whose IPv6 forwarding starts off. Each wrong
 * setting gets its exit code and a message that says what to do.
 */
class Ipv6HostChecksIT {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String PREFIX = "2001:db8:0:42::/64";

    private final String ns = "v6chk" + UUID.randomUUID().toString().substring(0, 6);
    private final Path script = Path.of(System.getProperty("mailstack.root", ".."), "scripts", "lib", "ipv6.sh");

    @BeforeEach
    void host() {
        Shell.run(LIMIT, List.of("ip", "netns", "add", ns));
        inside("ip", "link", "set", "lo", "up");
    }

    @AfterEach
    void removeHost() {
        Shell.tryRun(LIMIT, List.of("ip", "netns", "del", ns));
    }

    private Shell.Result inside(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(Arrays.asList(command));
        return Shell.tryRun(LIMIT, full);
    }

    private Shell.Result check(String prefix) {
        return inside(script.toString(), "check", prefix);
    }

    @Test
    void aHostThatDoesNotForwardIpv6IsRefusedWithTheSysctlToSet() {
        Shell.Result r = check(PREFIX);
        assertEquals(3, r.code(), r.output());
        assertTrue(r.output().contains("sysctl -w net.ipv6.conf.all.forwarding=1"), r.output());
        assertTrue(r.output().contains("accept_ra=2"), r.output());
    }

    @Test
    void aForwardingHostWithTheRoutedPrefixPasses() {
        inside("sysctl", "-qw", "net.ipv6.conf.all.forwarding=1");
        Shell.Result r = check(PREFIX);
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("2001:db8:0:42::/64 routed to this host"), r.output());
    }

    @Test
    void aPrefixOnLinkOnTheUplinkGetsAWarningAboutNeighbourDiscovery() {
        inside("sysctl", "-qw", "net.ipv6.conf.all.forwarding=1");
        // A veth pair as the uplink (this kernel may lack the dummy driver).
        inside("ip", "link", "add", "uplink0", "type", "veth", "peer", "name", "uplink1");
        inside("ip", "link", "set", "uplink1", "up");
        inside("ip", "link", "set", "uplink0", "up");
        inside("ip", "-6", "addr", "add", "2001:db8:0:42::100/64", "dev", "uplink0", "nodad");
        Shell.Result r = check(PREFIX);
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("is on-link on uplink0"), r.output());
        assertTrue(r.output().contains("proxy_ndp"), r.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2001:db8::", "2001:db8::/40", "2001:db8::/65", "fe80::/64", "10.0.0.0/24",
            "2001:db8::zz/64"})
    void aMalformedPrefixIsAUsageErrorNamingTheSetting(String prefix) {
        Shell.Result r = check(prefix);
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("MAILSTACK_IPV6_PREFIX '" + prefix + "'"), r.output());
    }
}
