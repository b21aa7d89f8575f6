package org.mailstack.mailctl.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.RelayKey;
import org.mailstack.mailctl.CliRun;
import org.mailstack.mailctl.FakeSwarm;
import org.mailstack.mailctl.account.AccountService;
import org.mailstack.mailctl.account.Labels;
import org.mailstack.mailctl.account.SecretMount;
import org.mailstack.mailctl.account.ServiceRequest;
import org.mailstack.mailctl.account.SshPorts;
import org.mailstack.mailctl.account.StackSettings;
import org.mailstack.mailctl.account.SwarmNode;
import org.mailstack.mailctl.account.TaskInfo;

import at.favre.lib.crypto.bcrypt.BCrypt;

class CreateCommandTest {
    final FakeSwarm swarm = new FakeSwarm();
    final CliRun cli = new CliRun(swarm);

    private int create(String... extra) {
        cli.stdin = "correct horse battery\n";
        String[] args = new String[extra.length + 3];
        args[0] = "create";
        args[1] = "alice";
        args[2] = "--password-stdin";
        System.arraycopy(extra, 0, args, 3, extra.length);
        return cli.execute(args);
    }

    @Test
    void createsVolumeSecretAndServiceThenPrintsAddressSettingsAndDns() {
        assertEquals(0, create("--domain", "example.org"), cli.err);

        ServiceRequest s = swarm.services.get("user-alice");
        assertNotNull(s);
        assertEquals(Map.of("MAILSTACK_USER", "alice", "MAILSTACK_DOMAIN", "example.org"), s.env());
        assertEquals("alice", s.labels().get(Labels.ACCOUNT));
        assertEquals("example.org", s.labels().get(Labels.DOMAIN));
        assertEquals("2026-11-23T08:00:00Z", s.labels().get(Labels.CREATED));
        assertEquals(StackSettings.NETWORK, s.network());
        assertEquals("user-alice-home", s.volume());
        assertEquals("/home/box", s.home());
        assertEquals(List.of("node.id==n1"), s.constraints());
        assertTrue(s.memoryBytes() > 0);
        assertTrue(swarm.volumes.containsKey("user-alice-home"));
        String relay = swarm.mounted("user-alice", "relay_secret");
        assertEquals(RelayKey.parse(FakeSwarm.RELAY_KEY).forAccount(AccountName.of("alice")),
                new String(swarm.secrets.get(relay).data(), StandardCharsets.US_ASCII), "the account's own secret");
        assertEquals(RelayKey.parse(FakeSwarm.RELAY_KEY).fingerprint(), swarm.secrets.get(relay).labels()
                .get(Labels.RELAY_KEY));

        assertTrue(cli.out.contains("box@alice.example.org"), cli.out);
        assertTrue(cli.out.contains("IMAP:     mail.example.org port 993"), cli.out);
        assertTrue(cli.out.contains("SMTP:"), cli.out);
        assertTrue(cli.out.contains("SSH:"), cli.out);
        assertTrue(cli.out.matches("(?s).*alice\\.example\\.org\\.\\s+3600 IN MX\\s+10 mail\\.example\\.org\\..*"), cli.out);
        assertTrue(cli.err.contains("Creating service user-alice"), cli.err);
        assertTrue(cli.err.contains("task running (healthy)"), cli.err);
    }

    @Test
    void publishesSshOnTheLowestFreePortWithTheCapabilityAndPrintsTheCommand() {
        swarm.otherPorts.add(SshPorts.FIRST); // published by another service of the swarm
        Accounts.add(swarm, "bob", "n1");
        assertEquals(0, create("--domain", "example.org"), cli.err);

        ServiceRequest s = swarm.services.get("user-alice");
        assertEquals(SshPorts.FIRST + 1, s.sshPort());
        assertEquals(List.of(SshPorts.CAPABILITY), s.capabilities());
        assertTrue(cli.out.contains("SSH:      ssh -p " + (SshPorts.FIRST + 1) + " box@mail.example.org"), cli.out);
    }

    @Test
    void twoAccountsNeverShareAnSshPort() {
        assertEquals(0, create());
        cli.stdin = "another password\n";
        assertEquals(0, cli.execute("create", "bob", "--password-stdin"), cli.err);
        assertNotEquals(swarm.services.get("user-alice").sshPort(), swarm.services.get("user-bob").sshPort());
    }

    @Test
    void aConcurrentCreateThatTookTheSamePortMakesThisOneMove() {
        swarm.beforeCreateService = () -> {
            swarm.beforeCreateService = () -> { };
            Accounts.add(swarm, "bob", "n1");
            swarm.moveSshPort("user-bob", SshPorts.FIRST); // bob's create picked the same lowest port first
        };
        assertEquals(0, create(), cli.err);

        int alice = swarm.services.get("user-alice").sshPort();
        assertEquals(SshPorts.FIRST, swarm.services.get("user-bob").sshPort());
        assertNotEquals(SshPorts.FIRST, alice);
        assertTrue(alice > SshPorts.FIRST && alice <= SshPorts.LAST, Integer.toString(alice));
        assertTrue(cli.err.contains("SSH moves to port " + alice), cli.err);
        assertTrue(cli.out.contains("ssh -p " + alice + " "), cli.out);
    }

    @Test
    void storesOnlyTheBcryptHashAndNeverThePasswordInEnvOrLabels() {
        assertEquals(0, create());
        String secret = swarm.mounted("user-alice", "password_hash");
        byte[] hash = swarm.secrets.get(secret).data();
        assertTrue(BCrypt.verifyer().verify("correct horse battery".toCharArray(), hash).verified);
        ServiceRequest s = swarm.services.get("user-alice");
        String everything = s.env() + " " + s.labels() + " " + swarm.secretLabels(secret);
        assertFalse(everything.contains("correct horse"), everything);
        assertFalse(cli.out.contains("correct horse") || cli.err.contains("correct horse"));
    }

    @Test
    void promptsTwiceOnTheTerminal() {
        cli.terminalAnswers.add("a long password");
        cli.terminalAnswers.add("a long password");
        assertEquals(0, cli.execute("create", "alice"), cli.err);
        assertEquals(2, cli.prompts.size());
    }

    @Test
    void differingPromptedPasswordsExitTwoAndCreateNothing() {
        cli.terminalAnswers.add("a long password");
        cli.terminalAnswers.add("another password");
        assertEquals(2, cli.execute("create", "alice"));
        assertTrue(cli.err.contains("differ"), cli.err);
        assertTrue(swarm.services.isEmpty() && swarm.volumes.isEmpty());
    }

    @Test
    void withoutTerminalOrPasswordStdinExitsTwoSayingWhatToDo() {
        cli.hasTerminal = false;
        assertEquals(2, cli.execute("create", "alice"));
        assertTrue(cli.err.contains("--password-stdin"), cli.err);
    }

    @Test
    void shortPasswordExitsTwo() {
        cli.stdin = "short\n";
        assertEquals(2, cli.execute("create", "alice", "--password-stdin"));
        assertTrue(cli.err.contains("at least 8"), cli.err);
    }

    @Test
    void badNameExitsTwoWithTheRuleBeforeAskingForAPassword() {
        assertEquals(2, cli.execute("create", "Alice"));
        assertTrue(cli.err.contains("only lowercase letters"), cli.err);
        assertEquals(2, cli.execute("create", "--", "-bob"));
        assertTrue(cli.err.contains("start or end with '-'"), cli.err);
        assertEquals(2, cli.execute("create", "x".repeat(64)));
        assertTrue(cli.err.contains("63"), cli.err);
        assertTrue(cli.prompts.isEmpty());
    }

    /** The address is core's {@code MailAddress.boxOf}: a domain it refuses is a usage error before anything is made. */
    @Test
    void aDomainNoAddressCanHaveExitsTwoBeforeAnyDockerObject() {
        assertEquals(2, create("--domain", "exa_mple.test"), cli.err);
        assertTrue(cli.err.contains("'exa_mple.test' is not a valid mail domain"), cli.err);
        assertTrue(swarm.services.isEmpty());
        assertTrue(swarm.volumes.isEmpty());
        assertTrue(swarm.secrets.isEmpty());
    }

    @Test
    void reservedNameExitsTwo() {
        assertEquals(2, cli.execute("create", "postmaster", "--password-stdin"));
        assertTrue(cli.err.contains("reserved"), cli.err);
    }

    @Test
    void existingAccountExitsOneAlreadyExists() {
        assertEquals(0, create());
        var first = Set.of(swarm.mounted("user-alice", "password_hash"),
                swarm.mounted("user-alice", "relay_secret"));
        assertEquals(1, create());
        assertTrue(cli.err.contains("already exists"), cli.err);
        assertEquals(first, Set.copyOf(swarm.accountSecrets(AccountName.of("alice"), null)));
    }

    @Test
    void loserOfAConcurrentCreateRemovesOnlyItsOwnSecretAndExitsOne() {
        // Another create wins between our existence check and our service creation.
        swarm.volumes.put("user-alice-home", Map.of());
        swarm.beforeCreateService = () -> {
            swarm.beforeCreateService = () -> { };
            swarm.secrets.put("user-alice-pw-winner0", new FakeSwarm.Secret(new byte[1],
                    Map.of(Labels.ACCOUNT, "alice", Labels.ROLE, "password")));
            swarm.createService(new ServiceRequest("user-alice", StackSettings.IMAGE,
                    Map.of(Labels.ACCOUNT, "alice"), Map.of(), "user-alice-home", "/home/box",
                    List.of(new SecretMount("user-alice-pw-winner0", "password_hash")),
                    StackSettings.NETWORK, List.of("node.id==n1"), 1, Duration.ZERO));
        };
        assertEquals(1, create());
        assertTrue(cli.err.contains("already exists"), cli.err);
        assertEquals(List.of("user-alice-pw-winner0"), swarm.accountSecrets(AccountName.of("alice"), null));
        assertTrue(swarm.volumes.containsKey("user-alice-home"));
        assertEquals("user-alice-pw-winner0", swarm.mounted("user-alice", "password_hash"));
    }

    @Test
    void createAfterAnInterruptedCreateReusesTheVolumeAndRemovesStaleSecrets() {
        swarm.volumes.put("user-alice-home", Map.of(Labels.ACCOUNT, "alice"));
        swarm.secrets.put("user-alice-pw-deadbeef", new FakeSwarm.Secret(new byte[1],
                Map.of(Labels.ACCOUNT, "alice", Labels.ROLE, "password")));
        assertEquals(0, create(), cli.err);
        assertTrue(cli.err.contains("Reusing volume user-alice-home"), cli.err);
        assertEquals(Set.of(swarm.mounted("user-alice", "password_hash"), swarm.mounted("user-alice",
                "relay_secret")), Set.copyOf(swarm.accountSecrets(AccountName.of("alice"), null)));
    }

    @Test
    void missingStackNetworkExitsThreeSayingRunMailstackUp() {
        swarm.networks.clear();
        assertEquals(3, create());
        assertTrue(cli.err.contains("./mailstack up"), cli.err);
        assertTrue(swarm.volumes.isEmpty());
    }

    @Test
    void missingRelayKeyExitsThreeSayingRunMailstackUp() throws IOException {
        Files.delete(cli.dataDir.resolve("relay.key"));
        assertEquals(3, create());
        assertTrue(cli.err.contains("no relay key at " + cli.dataDir.resolve("relay.key")), cli.err);
        assertTrue(cli.err.contains("./mailstack up"), cli.err);
        assertTrue(swarm.services.isEmpty());
    }

    @Test
    void notASwarmManagerExitsThree() {
        swarm.manager = false;
        assertEquals(3, create());
        assertTrue(cli.err.contains("not a manager"), cli.err);
    }

    @Test
    void dockerUnreachableExitsThree() {
        swarm.reachable = false;
        assertEquals(3, create());
        assertTrue(cli.err.contains("not reachable"), cli.err);
    }

    @Test
    void missingImageExitsThreeSayingHowToBuildIt() {
        swarm.images.clear();
        assertEquals(3, create());
        assertTrue(cli.err.contains("./mailstack build"), cli.err);
    }

    @Test
    void containerThatKeepsFailingExitsOneWithTheTaskError() {
        swarm.tasks = r -> List.of(
                new TaskInfo("t3", "n1", "failed", "shutdown", "task: non-zero exit (1)", null, "3"),
                new TaskInfo("t2", "n1", "failed", "shutdown", "task: non-zero exit (1)", null, "2"),
                new TaskInfo("t1", "n1", "failed", "shutdown", "task: non-zero exit (1)", null, "1"));
        assertEquals(1, create());
        assertTrue(cli.err.contains("failed to start 3 times: task: non-zero exit (1)"), cli.err);
        assertTrue(cli.err.contains("docker service ps"), cli.err);
    }

    @Test
    void containerNeverHealthyTimesOutWithinTheBoundAndExitsOne() {
        swarm.tasks = r -> List.of(new TaskInfo("t1", "n1", "running", "running", null, "starting", "1"));
        assertEquals(1, create("--timeout", "5"));
        assertTrue(cli.err.contains("not healthy within 5 s"), cli.err);
        assertTrue(cli.clock.pauses <= 5 * 4 + 1, "polls " + cli.clock.pauses);
    }

    @Test
    void placesOnTheLeastLoadedNodeOfTheImageArchitecture() {
        swarm.nodes.clear();
        swarm.nodes.add(new SwarmNode("n1", "busy", "amd64", false, true));
        swarm.nodes.add(new SwarmNode("n2", "idle", "amd64", false, true));
        swarm.nodes.add(new SwarmNode("n3", "pi", "arm", true, true));
        swarm.nodes.add(new SwarmNode("n4", "drained", "amd64", false, false));
        swarm.services.put("user-x", new ServiceRequest("user-x", StackSettings.IMAGE, Map.of(Labels.ACCOUNT, "x"),
                Map.of(), "user-x-home", "/home/box", List.of(), StackSettings.NETWORK, List.of("node.id==n1"), 1,
                Duration.ZERO));
        assertEquals(0, create(), cli.err);
        assertEquals(List.of("node.id==n2"), swarm.services.get("user-alice").constraints());
        assertTrue(cli.out.contains("ready on node idle"), cli.out);
        assertFalse(swarm.volumes.containsKey("user-alice-home"), "no stray volume on the manager's node");
        assertTrue(cli.err.contains("Volume user-alice-home is made (or reused) on idle"), cli.err);
    }

    @Test
    void armImageGoesToAnArmLabelledNodeWithAnExplicitConstraint() {
        swarm.images.put(StackSettings.IMAGE, "arm");
        swarm.nodes.add(new SwarmNode("n3", "pi", "arm", true, true));
        assertEquals(0, create(), cli.err);
        assertEquals(List.of("node.id==n3", "node.labels.arch==armhf"), swarm.services.get("user-alice").constraints());
    }

    @Test
    void nodeOptionPinsTheAccountAndUnknownNodeExitsOne() {
        swarm.nodes.add(new SwarmNode("n2", "other", "amd64", false, true));
        assertEquals(1, create("--node", "nowhere"));
        assertTrue(cli.err.contains("no node 'nowhere'"), cli.err);
        assertEquals(0, create("--node", "vm"), cli.err);
        assertEquals(List.of("node.id==n1"), swarm.services.get("user-alice").constraints());
    }

    @Test
    void sshKeyBecomesASecretMountedForTheOwner(@TempDir Path dir) throws IOException {
        Path key = dir.resolve("id.pub");
        Files.writeString(key, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGk alice@laptop\n");
        assertEquals(0, create("--ssh-key", key.toString()), cli.err);
        String name = swarm.mounted("user-alice", "ssh_authorized_keys");
        assertNotNull(name);
        assertEquals("ssh-keys", swarm.secretLabels(name).get(Labels.ROLE));
    }

    @Test
    void privateKeyFileIsRefusedWithExitTwo(@TempDir Path dir) throws IOException {
        Path key = dir.resolve("id");
        Files.writeString(key, "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n");
        assertEquals(2, create("--ssh-key", key.toString()));
        assertTrue(cli.err.contains("private key"), cli.err);
        assertTrue(swarm.services.isEmpty());
    }

    @Test
    void helpIsAvailable() {
        assertEquals(0, cli.execute("create", "--help"));
        assertTrue(cli.out.contains("--password-stdin"), cli.out);
    }

    static AccountService only(FakeSwarm swarm) {
        return swarm.accountServices().get(0);
    }
}
