package org.mailstack.mailctl.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailstack.mailctl.CliRun;
import org.mailstack.mailctl.FakeSwarm;
import org.mailstack.mailctl.MailctlException;

class HealthWaiterTest {
    final FakeSwarm swarm = new FakeSwarm();
    final CliRun.MutableClock clock = new CliRun.MutableClock();

    @Test
    void waitsThroughStartingUntilHealthyAndReportsEachState() {
        swarm.services.put("user-a", null);
        List<List<TaskInfo>> script = new ArrayList<>(List.of(
                List.of(task("preparing", null)), List.of(task("running", "starting")),
                List.of(task("running", "healthy"))));
        swarm.tasks = r -> script.size() > 1 ? script.remove(0) : script.get(0);
        List<String> progress = new ArrayList<>();
        TaskInfo t = new HealthWaiter(swarm, clock, clock::advance).awaitHealthy("user-a",
                Duration.ofSeconds(10), progress::add);
        assertEquals("healthy", t.health());
        assertEquals(List.of("  task preparing", "  task running (starting)", "  task running (healthy)"), progress);
    }

    @Test
    void runningOnAnotherNodeCountsAsHealthyBecauseTheSwarmStartedItOnlyAfterItsCheck() {
        swarm.services.put("user-a", null);
        swarm.tasks = r -> List.of(task("running", null));
        assertEquals("running", new HealthWaiter(swarm, clock, clock::advance).awaitHealthy("user-a",
                Duration.ofSeconds(1), p -> { }).state());
    }

    @Test
    void unhealthyTimesOut() {
        swarm.services.put("user-a", null);
        swarm.tasks = r -> List.of(task("running", "unhealthy"));
        MailctlException e = assertThrows(MailctlException.class, () -> new HealthWaiter(swarm, clock,
                clock::advance).awaitHealthy("user-a", Duration.ZERO, p -> { }));
        assertTrue(e.getMessage().contains("running (unhealthy)"), e.getMessage());
    }

    private static TaskInfo task(String state, String health) {
        return new TaskInfo("t", "n1", state, "running", null, health, "1");
    }
}
