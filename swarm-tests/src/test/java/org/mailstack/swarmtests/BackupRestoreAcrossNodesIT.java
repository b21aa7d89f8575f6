package org.mailstack.swarmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * A backup taken on one node is restored onto another: the account on node 2 holds mail; {@code mailctl backup
 * --from-docker} (node 2's engine, where the volume is) writes its archive; the account and its volume are deleted;
 * {@code mailctl restore --node} puts it on node 1 (the manager, amd64: the arm node is left alone, its JVM is slow
 * under qemu). Afterwards the messages are in the account's Maildir on node 1, the service runs there, and new mail
 * arrives there.
 */
class BackupRestoreAcrossNodesIT extends AccountOnANode {
    private static final int FROM = 2;
    private static final int TO = 1;
    private static final Duration DELIVERY_LIMIT = Duration.ofMinutes(2);

    BackupRestoreAcrossNodesIT() {
        super("bkup", FROM);
    }

    @Override
    void restoreNode() {
        // The node is not changed.
    }

    @Test
    void anAccountBackedUpOnOneNodeIsRestoredOntoAnother() throws IOException {
        String marker = "backup-" + UUID.randomUUID();
        for (int i = 1; i <= 3; i++) {
            main.send(user(), "before the backup " + i, marker);
        }
        StackObjects.awaitMessages(swarm, FROM, user(), marker, 3, DELIVERY_LIMIT);

        Path dir = Files.createTempDirectory("mailstack-backup-it");
        Shell.Result backup = StackObjects.mailctl(swarm, "", "backup", user(), "--to", dir.toString(),
                "--from-docker", swarm.dockerHost(FROM));
        assertEquals(0, backup.code(), "mailctl backup:\n" + backup.output());
        List<Path> archives;
        try (var files = Files.list(dir)) {
            archives = files.filter(f -> f.getFileName().toString().endsWith(".mailstack-backup.tar")).toList();
        }
        assertEquals(1, archives.size(), "one archive in " + dir + ":\n" + backup.output());

        StackObjects.deleteAccount(swarm, user(), FROM);
        Shell.Result restore = StackObjects.mailctl(swarm, "", "restore", archives.get(0).toString(), "--node",
                swarm.nodeName(TO), "--timeout", "180");
        assertEquals(0, restore.code(), "mailctl restore:\n" + restore.output());

        StackObjects.awaitMessages(swarm, TO, user(), marker, 3, DELIVERY_LIMIT);
        assertEquals(List.of(swarm.nodeName(TO)), swarm.runningNodes(service()));
        main.send(user(), "after the restore", marker);
        StackObjects.awaitMessages(swarm, TO, user(), marker, 4, DELIVERY_LIMIT);
        assertTrue(Files.deleteIfExists(archives.get(0)));
    }
}
