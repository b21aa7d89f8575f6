package org.mailstack.mailctl.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.RelayKey;
import org.mailstack.mailctl.CliRun;
import org.mailstack.mailctl.FakeSwarm;
import org.mailstack.mailctl.account.StackSettings;
import org.mailstack.mailctl.account.TaskInfo;

class UpgradeCommandTest {
    static final String NEW_IMAGE = "mailstack/user-container:build-0123456789abcdef";
    final FakeSwarm swarm = new FakeSwarm();
    final CliRun cli = new CliRun(swarm);

    private String relaySecretOf(String user) {
        return new String(swarm.secrets.get(swarm.mounted("user-" + user, "relay_secret")).data(),
                StandardCharsets.US_ASCII);
    }

    @Test
    void rollsEveryAccountOntoThePinnedImageWithItsOwnRelaySecretOneAtATime() {
        Accounts.add(swarm, "alice", "n1");
        Accounts.add(swarm, "bob", "n1");
        swarm.pins.put(StackSettings.IMAGE, NEW_IMAGE);

        assertEquals(0, cli.execute("upgrade", "--all"), cli.err);

        RelayKey key = RelayKey.parse(FakeSwarm.RELAY_KEY);
        for (String user : List.of("alice", "bob")) {
            assertEquals(NEW_IMAGE, swarm.services.get("user-" + user).image());
            assertEquals(key.forAccount(AccountName.of(user)), relaySecretOf(user));
            assertEquals(1, swarm.generation.get("user-" + user), "one update per account");
        }
        assertTrue(cli.out.contains("alice: upgraded") && cli.out.contains("bob: upgraded"), cli.out);
        assertTrue(cli.err.indexOf("Upgrading alice") < cli.err.indexOf("Upgrading bob"), cli.err);
        assertFalse(swarm.secrets.containsKey("user-alice-relay-0000"), "the old relay secret is removed");
    }

    @Test
    void aSecondRunChangesNothing() {
        Accounts.add(swarm, "alice", "n1");
        swarm.pins.put(StackSettings.IMAGE, NEW_IMAGE);
        assertEquals(0, cli.execute("upgrade", "--all"), cli.err);
        assertEquals(0, cli.execute("upgrade", "--all", "--json"), cli.err);
        assertEquals(1, swarm.generation.get("user-alice"));
        assertTrue(cli.out.contains("\"result\":\"current\""), cli.out);
    }

    @Test
    void anAccountWhoseNewImageNeverBecomesHealthyGoesBackToItsOldImageAndTheRollStops() {
        Accounts.add(swarm, "alice", "n1");
        Accounts.add(swarm, "bob", "n1");
        swarm.pins.put(StackSettings.IMAGE, NEW_IMAGE);
        swarm.tasks = r -> List.of(new TaskInfo("t" + r.serviceName() + swarm.generation.getOrDefault(r.serviceName(), 0),
                "n1", r.image().equals(NEW_IMAGE) && r.serviceName().equals("user-alice") ? "failed" : "running",
                "running", r.image().equals(NEW_IMAGE) ? "health check failed" : null,
                r.image().equals(NEW_IMAGE) && r.serviceName().equals("user-alice") ? null : "healthy",
                "2026-01-01T00:00:00Z"));

        assertEquals(1, cli.execute("upgrade", "--all"));

        assertEquals(StackSettings.IMAGE, swarm.services.get("user-alice").image(), "alice runs her old image");
        assertEquals(StackSettings.IMAGE, swarm.services.get("user-bob").image(), "bob was not tried");
        assertEquals(0, swarm.generation.getOrDefault("user-bob", 0), "bob was not restarted");
        assertTrue(cli.out.contains("alice: rolled-back"), cli.out);
        assertTrue(cli.out.contains("bob: skipped (not tried: alice could not run " + NEW_IMAGE + ")"), cli.out);
        assertTrue(cli.err.contains("1 account(s) could not be upgraded"), cli.err);
        assertEquals(RelayKey.parse(FakeSwarm.RELAY_KEY).forAccount(AccountName.of("alice")), relaySecretOf("alice"),
                "the old image reads the new relay secret the same way: it is kept");
    }

    @Test
    void namesOrAllButNotBoth() {
        assertEquals(2, cli.execute("upgrade"));
        assertEquals(2, cli.execute("upgrade", "alice", "--all"));
    }
}
