package org.mailstack.mailctl.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.account.AccountName;
import org.mailstack.mailctl.CliRun;
import org.mailstack.mailctl.FakeSwarm;
import org.mailstack.mailctl.account.Labels;
import org.mailstack.mailctl.account.SwarmNode;

class DeleteCommandTest {
    final FakeSwarm swarm = new FakeSwarm();
    final CliRun cli = new CliRun(swarm);

    @Test
    void archivesTheMaildirPrintsThePathAndRemovesEverything(@TempDir Path dir) throws IOException {
        Accounts.add(swarm, "alice", "n1");
        Path archives = dir.resolve("archives");
        assertEquals(0, cli.execute("delete", "alice", "--archive-dir", archives.toString()), cli.err);
        Path archive = Path.of(cli.out.strip());
        assertEquals(archives, archive.getParent());
        assertEquals("alice-20261123T080000Z.tar", archive.getFileName().toString());
        assertEquals("tar of user-alice-home at /home/box", Files.readString(archive));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(archive)), "mail is private");
        try (var files = Files.list(archives)) {
            assertEquals(1, files.count(), "no .part file left");
        }
        assertTrue(swarm.services.isEmpty());
        assertTrue(swarm.volumes.isEmpty());
        assertTrue(swarm.accountSecrets(AccountName.of("alice"), null).isEmpty());
    }

    @Test
    void archivesGoToTheDataDirectoryByDefault() throws IOException {
        Accounts.add(swarm, "alice", "n1");
        assertEquals(0, cli.execute("delete", "alice"), cli.err);
        Path archive = Path.of(cli.out.strip());
        assertEquals(cli.dataDir.resolve("archives").resolve("alice-20261123T080000Z.tar"), archive);
        assertTrue(Files.isRegularFile(archive));
        assertEquals("rwx------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(archive.getParent())), "the directory of archives is private");
    }

    @Test
    void keepVolumeKeepsTheVolumeOnly(@TempDir Path dir) {
        Accounts.add(swarm, "alice", "n1");
        assertEquals(0, cli.execute("delete", "alice", "--keep-volume", "--archive-dir", dir.toString()));
        assertTrue(swarm.volumes.containsKey("user-alice-home"));
        assertTrue(swarm.services.isEmpty());
        assertTrue(swarm.accountSecrets(AccountName.of("alice"), null).isEmpty());
        assertTrue(cli.out.contains("its volume is kept"), cli.out);
        assertEquals(0, dir.toFile().list().length);
    }

    @Test
    void purgeWithYesDeletesWithoutArchive(@TempDir Path dir) {
        Accounts.add(swarm, "alice", "n1");
        assertEquals(0, cli.execute("delete", "alice", "--purge", "--yes", "--archive-dir", dir.toString()));
        assertTrue(swarm.volumes.isEmpty() && swarm.services.isEmpty());
        assertEquals(0, dir.toFile().list().length);
        assertTrue(cli.prompts.isEmpty());
    }

    @Test
    void purgeAsksAndDeletesOnlyWhenTheNameIsTyped() {
        Accounts.add(swarm, "alice", "n1");
        cli.terminalAnswers.add("yes");
        assertEquals(1, cli.execute("delete", "alice", "--purge"));
        assertTrue(cli.err.contains("not confirmed"), cli.err);
        assertFalse(swarm.services.isEmpty());
        cli.terminalAnswers.add("alice");
        assertEquals(0, cli.execute("delete", "alice", "--purge"));
        assertTrue(swarm.services.isEmpty() && swarm.volumes.isEmpty());
    }

    @Test
    void purgeWithoutTerminalOrYesExitsTwo() {
        Accounts.add(swarm, "alice", "n1");
        cli.hasTerminal = false;
        assertEquals(2, cli.execute("delete", "alice", "--purge"));
        assertTrue(cli.err.contains("--yes"), cli.err);
        assertFalse(swarm.services.isEmpty());
    }

    @Test
    void keepVolumeAndPurgeTogetherExitTwo() {
        Accounts.add(swarm, "alice", "n1");
        assertEquals(2, cli.execute("delete", "alice", "--purge", "--keep-volume"));
    }

    @Test
    void unknownAccountExitsOne() {
        assertEquals(1, cli.execute("delete", "ghost"));
        assertTrue(cli.err.contains("no account ghost"), cli.err);
    }

    @Test
    void halfMadeAccountIsCleanedUp(@TempDir Path dir) {
        swarm.volumes.put("user-alice-home", Map.of());
        swarm.secrets.put("user-alice-pw-00000000", new FakeSwarm.Secret(new byte[1], Map.of(Labels.ACCOUNT, "alice")));
        assertEquals(0, cli.execute("delete", "alice", "--archive-dir", dir.toString()), cli.err);
        assertTrue(swarm.volumes.isEmpty() && swarm.secrets.isEmpty());
    }

    @Test
    void missingImageForTheArchiveExitsThreeAndDeletesNothing(@TempDir Path dir) {
        Accounts.add(swarm, "alice", "n1");
        swarm.images.clear();
        assertEquals(3, cli.execute("delete", "alice", "--archive-dir", dir.toString()));
        assertTrue(cli.err.contains("--keep-volume"), cli.err);
        assertFalse(swarm.services.isEmpty());
    }

    @Test
    void anAccountOnAnotherNodeIsDeletedOnlyWithKeepVolume(@TempDir Path dir) {
        swarm.nodes.add(new SwarmNode("n2", "pi-2", "amd64", false, true));
        Accounts.add(swarm, "alice", "n2");
        swarm.volumes.clear();

        assertEquals(1, cli.execute("delete", "alice", "--archive-dir", dir.toString()));
        assertTrue(cli.err.contains("is on node pi-2") && cli.err.contains("mailctl move alice"), cli.err);
        assertFalse(swarm.services.isEmpty(), "nothing deleted");

        assertEquals(0, cli.execute("delete", "alice", "--keep-volume", "--archive-dir", dir.toString()), cli.err);
        assertTrue(swarm.services.isEmpty());
        assertTrue(cli.err.contains("Keeping volume user-alice-home on node pi-2"), cli.err);
        assertTrue(cli.out.contains("its volume is kept"), cli.out);
    }
}
