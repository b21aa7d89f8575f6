package org.mailstack.mailctl.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mailstack.mailctl.ExitCode;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.account.ArchiveFiles;
import org.mailstack.mailctl.account.Progress;
import org.mailstack.mailctl.account.RelayKeyFile;
import org.mailstack.mailctl.account.StackSettings;
import org.mailstack.mailctl.account.Swarm;
import org.mailstack.mailctl.tar.TarFormatException;

/**
 * Backs up the main system's own state into one archive ({@code mailstack-system-<UTC>.mailstack-backup.tar}): its
 * state volume (the DKIM key, the self-signed certificate), its spool volume (the queue: mail accepted and not yet
 * delivered), each exported like an account's home while the main container is {@link Frozen} (for as long as both
 * copies take: the MX then answers no one, and sending servers retry), and the relay key from the data directory,
 * without which no account's relay secret can be derived again.
 */
public final class SystemBackup {
    public static final String NAME = "mailstack-system";
    static final String RELAY_KEY = RelayKeyFile.FILE;
    /** The stack's volumes, and where the helper container mounts each: entries {@code state/…}, {@code spool/…}. */
    static final List<String> VOLUMES = List.of("state", "spool");
    static final String MOUNT = "/backup/";

    private final Swarm swarm;
    private final StackSettings settings;
    private final Clock clock;

    public SystemBackup(Swarm swarm, StackSettings settings, Clock clock) {
        this.swarm = swarm;
        this.settings = settings;
        this.clock = clock;
    }

    /** The archive written. */
    public AccountBackup.Outcome backup(Path dir, Progress progress) {
        swarm.requireManager();
        List<String> present = new ArrayList<>();
        for (String v : VOLUMES) {
            if (swarm.volumeExists(volume(v))) {
                present.add(v);
            }
        }
        if (present.isEmpty()) {
            throw MailctlException.operation("no volume " + volume("state") + " on this node: the main system runs on"
                    + " another node (back it up with mailctl there) or was never started (./mailstack up)");
        }
        if (swarm.imageArchitecture(settings.image()).isEmpty()) {
            throw MailctlException.environment("image " + settings.image() + " is needed to read the volumes: build"
                    + " it with ./mailstack build");
        }
        Path keyFile = settings.dataDir().resolve(RELAY_KEY);
        byte[] key = Files.isRegularFile(keyFile, LinkOption.NOFOLLOW_LINKS)
                ? RelayKeyFile.secretBytes(settings.dataDir()) : null;
        Instant now = clock.instant();
        Path target = dir.resolve(NAME + "-" + ArchiveFiles.stamp(now) + AccountBackup.SUFFIX);
        progress.step("Backing up the main system to " + target);
        try (BackupWriter archive = BackupWriter.create(target, now.getEpochSecond())) {
            if (key != null) {
                archive.add(RELAY_KEY, key);
            } else {
                progress.step("  no relay key at " + keyFile + ": left out");
            }
            boolean running = swarm.runsContainerOf(StackSettings.MAIN_SERVICE);
            try (Frozen frozen = running ? Frozen.pause(swarm, StackSettings.MAIN_SERVICE, clock, progress) : null) {
                for (String v : present) {
                    archive.stream(v + ".tar", out -> swarm.exportVolume(volume(v), settings.image(), MOUNT + v,
                            out));
                }
            }
            long files = 0;
            for (String v : present) {
                files += check(archive, v);
            }
            Path done = archive.finish(new BackupManifest(BackupManifest.SYSTEM, null, null, null, null, 0,
                    settings.image(), now.toString(), files, 0, archive.entries()));
            return new AccountBackup.Outcome(NAME, done, files, 0, null);
        } catch (IOException e) {
            throw ArchiveFiles.writeFailure(target, e, "");
        }
    }

    static String volume(String name) {
        return StackSettings.STACK + "_" + name;
    }

    private long check(BackupWriter archive, String v) throws IOException {
        try {
            return new HomeArchive(MOUNT + v).check(archive.read(v + ".tar")).files();
        } catch (UnsafeEntryException | TarFormatException e) {
            throw new MailctlException(ExitCode.OPERATION, "the export of volume " + volume(v) + " cannot be"
                    + " restored (" + e.getMessage() + ")");
        }
    }
}
