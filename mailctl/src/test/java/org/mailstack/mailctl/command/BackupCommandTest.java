package org.mailstack.mailctl.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.mailctl.CliRun;
import org.mailstack.mailctl.FakeSwarm;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.account.StackSettings;
import org.mailstack.mailctl.account.SwarmNode;
import org.mailstack.mailctl.backup.AccountBackup;
import org.mailstack.mailctl.backup.BackupArchives;
import org.mailstack.mailctl.backup.BackupFile;
import org.mailstack.mailctl.backup.BackupManifest;
import org.mailstack.mailctl.backup.HomeTar;

class BackupCommandTest {
    final FakeSwarm swarm = new FakeSwarm();
    final CliRun cli = new CliRun(swarm);
    @TempDir
    Path dir;

    static BackupFile.Checked read(Path archive) {
        return BackupFile.check(archive, Map.of());
    }

    @Test
    void writesOneArchiveWithTheHomeTheSecretsReadBeforeThePauseAndTheSettings() throws IOException {
        Accounts.addRunning(swarm, "alice", "n1");
        assertEquals(0, cli.execute("backup", "alice", "--to", dir.toString()), cli.err);

        Path archive = Path.of(cli.out.strip());
        assertEquals(dir.resolve("alice-20261123T080000Z.mailstack-backup.tar"), archive);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)));
        assertEquals(List.of("pause user-alice", "export user-alice-home", "unpause user-alice"), swarm.events);
        assertTrue(swarm.paused.isEmpty());

        BackupFile.Checked backup = read(archive);
        BackupManifest m = backup.manifest();
        assertEquals(List.of("password_hash", "ssh_authorized_keys", "home.tar"), List.copyOf(m.entries().keySet()));
        assertEquals("alice", m.account());
        assertEquals("example.test", m.domain());
        assertEquals("2026-11-01T10:00:00Z", m.created());
        assertEquals("amd64", m.arch());
        assertEquals(2203, m.sshPort());
        assertEquals("2026-11-23T08:00:00Z", m.backedUp());
        assertEquals(8, m.files());
        assertEquals(4, m.messages());
        assertArrayEquals(BackupArchives.HASH.getBytes(), backup.data(AccountBackup.PASSWORD));
        assertArrayEquals(Accounts.SSH_KEYS.getBytes(), backup.data(AccountBackup.SSH_KEYS));
        try (var home = backup.open(AccountBackup.HOME)) {
            assertArrayEquals(HomeTar.sample(), home.readAllBytes());
        }
        assertFalse(new String(Files.readAllBytes(archive), StandardCharsets.ISO_8859_1).contains("relay"),
                "no relay secret, nor its name");
        assertTrue(cli.err.contains("Pausing user-alice while its volume is copied"), cli.err);
        assertTrue(cli.err.contains("Resumed user-alice"), cli.err);
    }

    @Test
    void theContainerIsUnpausedWhenTheCopyFailsAndNoFileIsLeft() throws IOException {
        Accounts.addRunning(swarm, "alice", "n1");
        swarm.exportFailure = MailctlException.operation("Docker refused to export volume user-alice-home");
        assertEquals(1, cli.execute("backup", "alice", "--to", dir.toString()));
        assertEquals(List.of("pause user-alice", "export user-alice-home", "unpause user-alice"), swarm.events);
        assertTrue(cli.err.contains("alice: Docker refused to export"), cli.err);
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no archive and no .part file");
        }
    }

    @Test
    void allBacksUpEveryAccountAndOneThatIsNotRunningDoesNotStopTheOthers() throws IOException {
        Accounts.addRunning(swarm, "alice", "n1");
        Accounts.addRunning(swarm, "carol", "n1");
        Accounts.add(swarm, "bob", "n1");
        assertEquals(1, cli.execute("backup", "--all", "--to", dir.toString()));
        assertEquals(List.of(dir.resolve("alice-20261123T080000Z.mailstack-backup.tar").toString(),
                dir.resolve("carol-20261123T080000Z.mailstack-backup.tar").toString()), cli.out.lines().toList());
        assertTrue(cli.err.contains("error: bob: the container of bob does not run on this node"), cli.err);
        assertTrue(cli.err.contains("1 of 3 account(s) could not be backed up"), cli.err);
        assertFalse(swarm.events.contains("pause user-bob"));
    }

    @Test
    void aHomeWithALinkLeavingItIsNotBackedUp() throws IOException {
        Accounts.addRunning(swarm, "alice", "n1");
        swarm.volumeData.put("user-alice-home", new HomeTar().dir("box/").symlink("box/x", "/etc/shadow").bytes());
        assertEquals(1, cli.execute("backup", "alice", "--to", dir.toString()));
        assertTrue(cli.err.contains("in the home of alice, symbolic link 'box/x' points to '/etc/shadow'"), cli.err);
        assertTrue(cli.err.contains("remove it (ssh, as the account's owner) and back up again"), cli.err);
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void anAccountOfAnotherNodeIsRefusedWithWhatToDo() {
        swarm.nodes.add(new SwarmNode("n2", "pi-2", "arm", true, true));
        Accounts.addRunning(swarm, "alice", "n2");
        assertEquals(1, cli.execute("backup", "alice", "--to", dir.toString()));
        assertTrue(cli.err.contains("alice runs on node pi-2") && cli.err.contains("(--from-docker)"), cli.err);
        assertTrue(swarm.events.isEmpty());
    }

    @Test
    void theSystemBackupTakesNoOtherNodesEngine() {
        swarm.nodes.add(new SwarmNode("n2", "pi-2", "arm", true, true));
        Accounts.addRunning(swarm, "alice", "n1");
        Accounts.addRunning(swarm, "bob", "n2");
        assertEquals(2, cli.execute("backup", "--system", "--from-docker", "tcp://pi-2:2375", "--to", dir.toString()));
        assertTrue(cli.err.contains("--from-docker is for accounts"), cli.err);
        assertTrue(swarm.events.isEmpty());
    }

    @Test
    void jsonListsEachResult() {
        Accounts.addRunning(swarm, "alice", "n1");
        Accounts.add(swarm, "bob", "n1");
        assertEquals(1, cli.execute("backup", "alice", "bob", "--to", dir.toString(), "--json"));
        assertTrue(cli.out.contains("{\"user\":\"alice\",\"archive\":\"" + dir.resolve(
                "alice-20261123T080000Z.mailstack-backup.tar") + "\",\"files\":8,\"messages\":4,\"error\":null}"),
                cli.out);
        assertTrue(cli.out.contains("{\"user\":\"bob\",\"archive\":null,\"files\":0,\"messages\":0,\"error\":\"the"
                + " container of bob"), cli.out);
    }

    @Test
    void badUsageExitsTwo() {
        Accounts.addRunning(swarm, "alice", "n1");
        assertEquals(2, cli.execute("backup", "--to", dir.toString()));
        assertEquals(2, cli.execute("backup", "alice", "--all", "--to", dir.toString()));
        assertEquals(2, cli.execute("backup", "alice", "--system", "--to", dir.toString()));
        assertEquals(2, cli.execute("backup", "alice"));
        assertEquals(2, cli.execute("backup", "Not_A_Name", "--to", dir.toString()));
        assertEquals(1, cli.execute("backup", "ghost", "--to", dir.toString()));
        assertEquals(0, cli.execute("backup", "--help"));
        assertTrue(cli.out.contains("Exit codes"), cli.out);
        assertTrue(swarm.events.isEmpty());
    }

    @Test
    void systemSavesTheStateAndQueueVolumesWhileTheMainContainerIsPausedAndTheRelayKey() throws IOException {
        swarm.volumes.put("mailstack_state", Map.of());
        swarm.volumes.put("mailstack_spool", Map.of());
        swarm.volumeData.put("mailstack_state", new HomeTar().dir("state/").dir("state/dkim/")
                .file("state/dkim/example.test.mailstack.pem", "KEY").bytes());
        swarm.volumeData.put("mailstack_spool", new HomeTar().dir("spool/").file("spool/q1.eml", "mail").bytes());
        swarm.running.add(StackSettings.MAIN_SERVICE);

        assertEquals(0, cli.execute("backup", "--system", "--to", dir.toString()), cli.err);
        Path archive = Path.of(cli.out.strip());
        assertEquals("mailstack-system-20261123T080000Z.mailstack-backup.tar", archive.getFileName().toString());
        assertEquals(List.of("pause mailstack_main", "export mailstack_state", "export mailstack_spool",
                "unpause mailstack_main"), swarm.events);
        BackupFile.Checked backup = read(archive);
        assertEquals("system", backup.manifest().kind());
        assertEquals(List.of("relay.key", "state.tar", "spool.tar"), List.copyOf(backup.manifest().entries().keySet()));
        assertArrayEquals(Files.readAllBytes(cli.dataDir.resolve("relay.key")), backup.data("relay.key"));
        assertEquals(2, backup.manifest().files());
    }
}
