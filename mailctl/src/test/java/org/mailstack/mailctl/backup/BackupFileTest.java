package org.mailstack.mailctl.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.mailctl.ExitCode;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.tar.TarEntry;
import org.mailstack.mailctl.tar.TarReader;

class BackupFileTest {
    @TempDir
    Path dir;

    private BackupFile.Checked check(byte[] archive) throws IOException {
        Path file = dir.resolve("archive.tar");
        Files.write(file, archive);
        HomeArchive home = new HomeArchive("/home/box");
        return BackupFile.check(file, Map.of(AccountBackup.HOME, home::check));
    }

    private String refused(byte[] archive) {
        MailctlException e = assertThrows(MailctlException.class, () -> check(archive));
        assertEquals(ExitCode.OPERATION, e.exitCode(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void theManifestComesFirstThenTheEntriesItListsInItsOrder() throws IOException {
        byte[] archive = BackupArchives.account(dir, "alice");
        TarReader tar = new TarReader(new ByteArrayInputStream(archive));
        List<String> names = new ArrayList<>();
        for (TarEntry e = tar.next(); e != null; e = tar.next()) {
            names.add(e.name());
            assertEquals(0600, e.mode());
        }
        assertEquals(List.of("manifest.json", "password_hash", "ssh_authorized_keys", "home.tar"), names);

        BackupFile.Checked checked = check(archive);
        BackupManifest m = checked.manifest();
        assertEquals(List.of("password_hash", "ssh_authorized_keys", "home.tar"), List.copyOf(m.entries().keySet()));
        assertEquals("alice", m.account());
        assertEquals(8, m.files());
        assertArrayEquals(BackupArchives.HASH.getBytes(), checked.data(AccountBackup.PASSWORD));
        try (InputStream home = checked.open(AccountBackup.HOME)) {
            assertArrayEquals(HomeTar.sample(), home.readAllBytes());
        }
        String json = new String(archive, 512, BackupWriter.MANIFEST_BYTES, StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\n  \"format\": \"mailstack-backup\",\n  \"version\": 1,"), json);
        assertTrue(json.contains("\"sha256\": \"" + m.entries().get("home.tar").sha256() + "\""), json);
    }

    @Test
    void anArchiveCutAnywhereIsDamaged() {
        byte[] archive = BackupArchives.account(dir, "alice");
        for (int cut = 0; cut < archive.length; cut += 97) {
            String message = refused(Arrays.copyOf(archive, cut));
            assertTrue(message.contains("is damaged") || message.contains("is not a mailstack backup"),
                    cut + ": " + message);
        }
        for (int cut : new int[] {archive.length - 1024, archive.length - 512, archive.length - 1}) {
            assertTrue(refused(Arrays.copyOf(archive, cut)).contains("is damaged: cut short at byte"));
        }
    }

    @Test
    void aTarWithoutManifestOrAnotherFileIsNoBackup() {
        assertTrue(refused(new HomeTar().file("box/a", "x").bytes())
                .contains("is not a mailstack backup (a tar archive whose first entry is 'box/a', not manifest.json)"));
        assertTrue(refused("just some text, long enough to fill a block".repeat(20).getBytes())
                .contains("is not a mailstack backup (not a tar archive: no valid tar header at byte 0)"));
        assertTrue(refused(new byte[0]).contains("is not a mailstack backup"));
        String json = refused(new HomeTar().file("manifest.json", "{\"format\": \"something-else\"}").bytes());
        assertTrue(json.contains("does not name the format mailstack-backup"), json);
    }

    @Test
    void aManifestWithAWrongHashIsDamaged() {
        byte[] archive = BackupArchives.account(dir, "alice");
        String text = new String(archive, StandardCharsets.ISO_8859_1);
        String sha = text.substring(text.indexOf("\"sha256\": \"", text.indexOf("home.tar")) + 11).substring(0, 64);
        byte[] wrong = text.replace(sha, "0".repeat(64)).getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(refused(wrong).contains("is damaged: home.tar does not match the SHA-256 its manifest lists"));
    }

    @Test
    void aFlippedByteInTheHomeIsDamaged() {
        byte[] archive = BackupArchives.account(dir, "alice");
        archive[archive.length - 3000] ^= 0x20;
        assertTrue(refused(archive).contains("is damaged"));
    }

    @Test
    void aPathLeavingTheHomeIsRefusedEvenWithTheRightHash() {
        byte[] archive = BackupArchives.account(dir, "alice", Map.of(AccountBackup.PASSWORD,
                BackupArchives.HASH.getBytes(), AccountBackup.HOME, new HomeTar().dir("box/")
                        .file("box/../../etc/cron.d/evil", "* * * * * root sh").bytes()), 1, 0);
        String message = refused(archive);
        assertTrue(message.contains("is unsafe: in home.tar, entry 'box/../../etc/cron.d/evil' has"), message);
    }

    @Test
    void aNewerFormatSaysSo() {
        byte[] archive = BackupArchives.account(dir, "alice");
        byte[] newer = new String(archive, StandardCharsets.ISO_8859_1).replace("\"version\": 1,", "\"version\": 7,")
                .getBytes(StandardCharsets.ISO_8859_1);
        String message = refused(newer);
        assertTrue(message.contains("was written by a newer mailctl (backup format version 7"), message);
    }

    @Test
    void aMissingFileIsUsage(@TempDir Path empty) {
        MailctlException e = assertThrows(MailctlException.class, () -> BackupFile.manifest(empty.resolve("none")));
        assertEquals(ExitCode.USAGE, e.exitCode());
    }
}
