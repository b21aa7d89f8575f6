package org.mailstack.main.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailstack.core.account.AccountName;
import org.mailstack.main.metrics.Metrics;
import org.mailstack.main.testing.FixedAccountDirectory;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** Real TCP probes on loopback: alice's container listens on 127.0.0.1, bob's address 127.0.0.2 first has none. */
class ReachabilityProbeTest {
    final List<String> returned = new CopyOnWriteArrayList<>();
    final FixedAccountDirectory directory = new FixedAccountDirectory().with("alice", "127.0.0.1")
            .with("bob", "127.0.0.2");
    final Metrics metrics = new Metrics();
    ServerSocket alice;
    ServerSocket bob;
    ReachabilityProbe probe;

    @BeforeEach
    void setUp() throws Exception {
        alice = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        probe = new ReachabilityProbe(directory, alice.getLocalPort(), metrics, a -> returned.add(a.value()));
    }

    @AfterEach
    void tearDown() throws Exception {
        alice.close();
        if (bob != null) {
            bob.close();
        }
        probe.close();
    }

    @Test
    void aContainerIsReportedAtItsFirstAnswerAndWhenItAnswersAgainNeverWhileItStaysUp() throws Exception {
        probe.probeAll();
        assertEquals(List.of("alice"), returned);
        probe.probeAll();
        probe.probeDown();
        assertEquals(List.of("alice"), returned, "still up: no second report");

        bob = new ServerSocket(alice.getLocalPort(), 50, InetAddress.getByName("127.0.0.2"));
        probe.probeDown();
        assertEquals(List.of("alice", "bob"), returned, "the quick re-probe of a down account sees it return");

        alice.close();
        probe.probeAll();
        assertEquals(List.of("alice", "bob"), returned);
        alice = new ServerSocket(bob.getLocalPort(), 50, InetAddress.getByName("127.0.0.1"));
        probe.probeDown();
        assertEquals(List.of("alice", "bob", "alice"), returned);
    }

    @Test
    void theGaugeFollowsTheProbesAndForgetsADeletedAccount() {
        probe.probeAll();
        assertEquals(Map.of("alice", 1.0, "bob", 0.0), gauge());
        directory.remove("bob");
        probe.probeAll();
        assertEquals(Map.of("alice", 1.0), gauge());
    }

    private Map<String, Double> gauge() {
        Map<String, Double> values = new HashMap<>();
        for (MetricSnapshot s : metrics.registry().scrape()) {
            if (s.getMetadata().getName().equals("mailstack_user_container_up")) {
                for (GaugeSnapshot.GaugeDataPointSnapshot p : ((GaugeSnapshot) s).getDataPoints()) {
                    values.put(p.getLabels().get("account"), p.getValue());
                }
            }
        }
        return values;
    }
}
