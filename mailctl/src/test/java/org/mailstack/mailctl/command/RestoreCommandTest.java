package org.mailstack.mailctl.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.RelayKey;
import org.mailstack.mailctl.CliRun;
import org.mailstack.mailctl.FakeSwarm;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.account.Labels;
import org.mailstack.mailctl.account.ServiceRequest;
import org.mailstack.mailctl.account.StackSettings;
import org.mailstack.mailctl.account.SwarmNode;
import org.mailstack.mailctl.backup.AccountBackup;
import org.mailstack.mailctl.backup.BackupArchives;
import org.mailstack.mailctl.backup.HomeTar;

/** {@code mailctl restore}: an archive written by {@code backup} on one stack, restored on another (or the same). */
class RestoreCommandTest {
    final FakeSwarm old = new FakeSwarm();
    final FakeSwarm swarm = new FakeSwarm();
    final CliRun cli = new CliRun(swarm);
    @TempDir
    Path dir;
    Path archive;

    @BeforeEach
    void aliceBackedUpOnAnotherStack() {
        Accounts.addRunning(old, "alice", "n1");
        CliRun backup = new CliRun(old);
        assertEquals(0, backup.execute("backup", "alice", "--to", dir.toString()), backup.err);
        archive = Path.of(backup.out.strip());
    }

    @Test
    void makesTheAccountAgainWithItsHomeHashKeysPortAndANewRelaySecret() {
        swarm.beforeCreateService = () -> assertArrayEquals(HomeTar.sample(), swarm.volumeData.get("user-alice-home"),
                "the volume is filled before the service starts");
        assertEquals(0, cli.execute("restore", archive.toString()), cli.err);

        ServiceRequest s = swarm.services.get("user-alice");
        assertEquals("example.test", s.labels().get(Labels.DOMAIN));
        assertEquals("2026-11-01T10:00:00Z", s.labels().get(Labels.CREATED), "created when it was first created");
        assertEquals(List.of("node.id==n1"), s.constraints());
        assertEquals(2203, s.sshPort(), "its SSH port is kept");
        assertArrayEquals(BackupArchives.HASH.getBytes(), secret("password_hash"));
        assertArrayEquals(Accounts.SSH_KEYS.getBytes(), secret("ssh_authorized_keys"));
        assertEquals(RelayKey.parse(FakeSwarm.RELAY_KEY).forAccount(AccountName.of("alice")),
                new String(secret("relay_secret"), StandardCharsets.US_ASCII));
        assertEquals(List.of("import user-alice-home"), swarm.events);
        assertTrue(cli.out.contains("Account alice is ready on node vm"), cli.out);
        assertTrue(cli.out.contains("and the password it had when backed up"), cli.out);
        assertTrue(cli.out.contains("ssh -p 2203 box@mail.example.test"), cli.out);
        assertTrue(cli.err.contains("8 files, 4 messages: the archive is whole"), cli.err);
    }

    private byte[] secret(String target) {
        return swarm.secrets.get(swarm.mounted("user-alice", target)).data();
    }

    @Test
    void aTakenSshPortGivesTheLowestFreeOneAndJsonSaysSo() {
        swarm.otherPorts.add(2203);
        assertEquals(0, cli.execute("restore", archive.toString(), "--json"), cli.err);
        assertEquals(2201, swarm.services.get("user-alice").sshPort());
        assertTrue(cli.out.startsWith("{\"user\":\"alice\",\"address\":\"box@alice.example.test\",\"node\":\"vm\","
                + "\"sshPort\":2201,\"files\":8,\"messages\":4,\"backedUp\":\"2026-11-23T08:00:00Z\"}"), cli.out);
    }

    @Test
    void anExistingAccountIsRefusedWithWhatToDo() {
        Accounts.add(swarm, "alice", "n1");
        Map<String, FakeSwarm.Secret> secrets = Map.copyOf(swarm.secrets);
        assertEquals(1, cli.execute("restore", archive.toString()));
        assertTrue(cli.err.contains("account alice exists: delete it first (mailctl delete alice)"), cli.err);
        assertEquals(secrets, swarm.secrets);
        assertTrue(swarm.events.isEmpty());
    }

    @Test
    void aVolumeHoldingFilesIsNotOverwritten() {
        swarm.volumes.put("user-alice-home", Map.of());
        assertEquals(1, cli.execute("restore", archive.toString()));
        assertTrue(cli.err.contains("volume user-alice-home on vm holds files already"), cli.err);
        assertNothingMade(Map.of("user-alice-home", Map.of()));

        swarm.volumeData.put("user-alice-home", new byte[0]);
        assertEquals(0, cli.execute("restore", archive.toString()), cli.err);
        assertArrayEquals(HomeTar.sample(), swarm.volumeData.get("user-alice-home"), "an empty one is filled");
    }

    @Test
    void aFailureAfterTheVolumeWasFilledTakesEverythingBack() {
        swarm.beforeCreateService = () -> {
            throw MailctlException.operation("Docker refused to create service user-alice: no");
        };
        assertEquals(1, cli.execute("restore", archive.toString()));
        assertTrue(cli.err.contains("Docker refused to create service"), cli.err);
        assertNothingMade(Map.of());
    }

    @Test
    void anotherNodeNeedsItsEndpointAndGetsTheVolumeThere() {
        swarm.nodes.add(new SwarmNode("n2", "node-2", "amd64", false, true));
        assertEquals(1, cli.execute("restore", archive.toString(), "--node", "node-2"));
        assertTrue(cli.err.contains("is filled on node node-2: give that node's Docker endpoint (--to-docker)"),
                cli.err);
        assertNothingMade(Map.of());

        FakeSwarm node2 = new FakeSwarm();
        node2.nodeId = "n2";
        cli.endpoints.put("unix:///n2.sock", node2);
        assertEquals(0, cli.execute("restore", archive.toString(), "--node", "node-2", "--to-docker",
                "unix:///n2.sock"), cli.err);
        assertEquals(List.of("node.id==n2"), swarm.services.get("user-alice").constraints());
        assertArrayEquals(HomeTar.sample(), node2.volumeData.get("user-alice-home"));
        assertTrue(node2.volumes.containsKey("user-alice-home"));
        assertTrue(swarm.volumes.isEmpty());
    }

    @Test
    void damagedAndForeignArchivesAreRefusedAndNothingIsMade() throws IOException {
        byte[] whole = Files.readAllBytes(archive);
        String text = new String(whole, StandardCharsets.ISO_8859_1);
        int home = text.indexOf("home.tar\0");
        String sha = text.substring(text.indexOf("\"sha256\": \"", text.indexOf("\"home.tar\"")) + 11).substring(0, 64);
        Map<String, byte[]> cases = new LinkedHashMap<>();
        for (int cut : new int[] {0, 300, 600, 5000, home + 700, whole.length / 2, whole.length - 600,
                whole.length - 1}) {
            cases.put("cut at " + cut, Arrays.copyOf(whole, cut));
        }
        cases.put("a tar without manifest", new HomeTar().file("notes.txt", "hello").bytes());
        cases.put("a wrong hash", text.replace(sha, "f".repeat(64)).getBytes(StandardCharsets.ISO_8859_1));
        cases.put("path traversal", BackupArchives.account(dir, "alice", Map.of(AccountBackup.PASSWORD,
                BackupArchives.HASH.getBytes(), AccountBackup.HOME, new HomeTar().dir("box/")
                        .file("box/../../../etc/cron.d/x", "* * * * * root id").bytes()), 1, 0));
        cases.put("a link out of the home", BackupArchives.account(dir, "alice", Map.of(AccountBackup.PASSWORD,
                BackupArchives.HASH.getBytes(), AccountBackup.HOME, new HomeTar().dir("box/")
                        .symlink("box/Maildir", "/etc").bytes()), 0, 0));
        cases.put("a foreign file", "%PDF-1.7 not a backup at all".repeat(50).getBytes(StandardCharsets.US_ASCII));
        cases.put("a bad account name", new String(BackupArchives.account(dir, "alice"), StandardCharsets.ISO_8859_1)
                .replace("\"account\": \"alice\"", "\"account\": \"../x\"").getBytes(StandardCharsets.ISO_8859_1));

        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            Path bad = dir.resolve("bad.tar");
            Files.write(bad, c.getValue());
            assertEquals(1, cli.execute("restore", bad.toString()), c.getKey() + ": " + cli.err);
            assertTrue(Pattern.compile("error: " + Pattern.quote(bad.toString())
                    + " (is damaged|is not a mailstack backup|is unsafe|names no valid account)").matcher(cli.err)
                    .find(), c.getKey() + ": " + cli.err);
            assertNothingMade(Map.of());
        }
        assertEquals(2, cli.execute("restore", dir.resolve("missing.tar").toString()));
        assertTrue(cli.err.contains("no file"), cli.err);
        assertNothingMade(Map.of());
    }

    /** A backup of the main system of the old stack: state, queue and relay key (the same key as every CliRun's). */
    private Path systemBackup() {
        old.volumes.put("mailstack_state", Map.of());
        old.volumes.put("mailstack_spool", Map.of());
        old.volumeData.put("mailstack_state", new HomeTar().dir("state/").file("state/dkim.pem", "KEY").bytes());
        old.volumeData.put("mailstack_spool", new HomeTar().dir("spool/").file("spool/q1", "mail").bytes());
        CliRun backup = new CliRun(old);
        assertEquals(0, backup.execute("backup", "--system", "--to", dir.toString()), backup.err);
        return Path.of(backup.out.strip());
    }

    @Test
    void aSystemBackupPutsTheVolumesAndTheRelayKeyBackWhileTheStackIsDown() throws IOException {
        Path system = systemBackup();
        Files.delete(cli.dataDir.resolve("relay.key"));
        assertEquals(0, cli.execute("restore", system.toString()), cli.err);
        assertEquals(List.of("mailstack_state", "mailstack_spool", cli.dataDir.resolve("relay.key").toString()),
                cli.out.lines().toList());
        assertArrayEquals(old.volumeData.get("mailstack_state"), swarm.volumeData.get("mailstack_state"));
        assertArrayEquals(old.volumeData.get("mailstack_spool"), swarm.volumeData.get("mailstack_spool"));
        assertEquals("mailstack", swarm.volumes.get("mailstack_state").get("com.docker.stack.namespace"));
        assertEquals(FakeSwarm.RELAY_KEY + "\n", Files.readString(cli.dataDir.resolve("relay.key")));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(cli.dataDir.resolve("relay.key"))));
        assertTrue(cli.err.contains("start it with ./mailstack up, then restore the accounts"), cli.err);
    }

    @Test
    void aSystemBackupIsRefusedWhileTheMainSystemRunsOrAnotherKeyIsThere() throws IOException {
        Path system = systemBackup();
        swarm.running.add(StackSettings.MAIN_SERVICE);
        assertEquals(1, cli.execute("restore", system.toString()));
        assertTrue(cli.err.contains("the main system runs: stop it first (./mailstack down"), cli.err);
        assertNothingMade(Map.of());

        swarm.running.clear();
        Files.writeString(cli.dataDir.resolve("relay.key"), "another-relay-key-of-another-stack-0123456789\n");
        assertEquals(1, cli.execute("restore", system.toString()));
        assertTrue(cli.err.contains("another relay key is at"), cli.err);
        assertNothingMade(Map.of());
        assertTrue(swarm.events.isEmpty(), "refused before any volume was filled: " + swarm.events);

        assertEquals(2, cli.execute("restore", system.toString(), "--node", "vm"));
    }

    private void assertNothingMade(Map<String, Map<String, String>> volumesBefore) {
        assertEquals(volumesBefore, swarm.volumes, "no volume");
        assertTrue(swarm.secrets.isEmpty(), "no secret: " + swarm.secrets.keySet());
        assertTrue(swarm.services.isEmpty(), "no service");
        assertTrue(swarm.volumeData.isEmpty() || swarm.volumeData.values().stream().allMatch(d -> d.length == 0),
                "nothing imported");
    }
}
