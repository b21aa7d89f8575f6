package org.mailstack.mailctl.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes backup archives with chosen contents, as {@link BackupWriter} writes them, for tests that read them. */
public final class BackupArchives {
    public static final String HASH = "$2a$10$" + "N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

    private BackupArchives() {}

    /** An account's archive: its manifest lists what {@code entries} holds, in that order. */
    public static byte[] account(Path dir, String user, Map<String, byte[]> entries, long files, long messages) {
        BackupManifest manifest = new BackupManifest(BackupManifest.ACCOUNT, user, "example.test",
                "2026-01-02T03:04:05Z", "amd64", 2203, "mailstack/user-container:build-0123", "2026-11-20T01:00:00Z",
                files, messages, Map.of());
        return write(dir.resolve(user + ".tar"), manifest, entries);
    }

    /** The usual account archive: password hash, SSH keys, and {@link HomeTar#sample()}. */
    public static byte[] account(Path dir, String user) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(AccountBackup.PASSWORD, HASH.getBytes());
        entries.put(AccountBackup.SSH_KEYS, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA alice@laptop\n".getBytes());
        entries.put(AccountBackup.HOME, HomeTar.sample());
        return account(dir, user, entries, 8, 4);
    }

    public static byte[] write(Path target, BackupManifest manifest, Map<String, byte[]> entries) {
        try (BackupWriter writer = BackupWriter.create(target, 1_700_000_000L)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                writer.add(e.getKey(), e.getValue());
            }
            Path done = writer.finish(manifest.withEntries(writer.entries(), manifest.files(), manifest.messages()));
            return Files.readAllBytes(done);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
