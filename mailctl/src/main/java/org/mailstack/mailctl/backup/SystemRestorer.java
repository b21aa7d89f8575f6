package org.mailstack.mailctl.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.account.Labels;
import org.mailstack.mailctl.account.Progress;
import org.mailstack.mailctl.account.RelayKeyFile;
import org.mailstack.mailctl.account.StackSettings;
import org.mailstack.mailctl.account.Swarm;

/**
 * Puts a backup of the main system ({@link SystemBackup}) back while the stack is down: the state and queue volumes
 * on this node (new or empty ones only; {@code ./mailstack up} then finds and uses them) and the relay key, when the
 * data directory has none or the same. As with an account, the whole archive is checked before anything is made,
 * and a failure removes the volumes made. Restore the system before the accounts: their relay secrets are derived
 * from the key in place when they are made.
 */
public final class SystemRestorer {
    /** Docker's stack label: volumes made here are the stack's own when {@code ./mailstack up} deploys it. */
    static final String STACK_LABEL = "com.docker.stack.namespace";

    private final Swarm swarm;
    private final StackSettings settings;

    public SystemRestorer(Swarm swarm, StackSettings settings) {
        this.swarm = swarm;
        this.settings = settings;
    }

    /** What was put back: the volumes' names, and the relay key's file when it was written. */
    public List<String> restore(Path file, Progress progress) {
        swarm.requireManager();
        if (!swarm.tasks(StackSettings.MAIN_SERVICE).isEmpty() || swarm.runsContainerOf(StackSettings.MAIN_SERVICE)) {
            throw MailctlException.operation("the main system runs: stop it first (./mailstack down keeps the"
                    + " accounts), restore, then ./mailstack up; nothing was changed");
        }
        progress.step("Checking " + file);
        Map<String, BackupFile.EntryCheck> checks = new HashMap<>();
        for (String v : SystemBackup.VOLUMES) {
            HomeArchive tree = new HomeArchive(SystemBackup.MOUNT + v);
            checks.put(v + ".tar", tree::check);
        }
        BackupFile.Checked backup = BackupFile.check(file, checks);
        if (swarm.imageArchitecture(settings.image()).isEmpty()) {
            throw MailctlException.environment("image " + settings.image() + " is needed to fill the volumes: build"
                    + " it with ./mailstack build");
        }
        List<String> present = SystemBackup.VOLUMES.stream()
                .filter(v -> backup.manifest().entries().containsKey(v + ".tar")).toList();
        for (String v : present) {
            String volume = SystemBackup.volume(v);
            if (swarm.volumeExists(volume) && swarm.manifest(volume, settings.image()).files() > 0) {
                throw MailctlException.operation("volume " + volume + " holds files already: remove it (docker volume"
                        + " rm " + volume + ") if the backup is to replace it; nothing was changed");
            }
        }
        byte[] key = backup.data(SystemBackup.RELAY_KEY);
        boolean writeKey = key != null && RelayKeyFile.needsRestore(settings.dataDir(), key);
        Map<String, String> labels = new LinkedHashMap<>(Map.of(STACK_LABEL, StackSettings.STACK,
                Labels.ROLE, "system"));
        List<String> made = new ArrayList<>();
        try {
            for (String v : present) {
                String volume = SystemBackup.volume(v);
                progress.step("Filling volume " + volume);
                boolean existed = swarm.volumeExists(volume);
                swarm.createVolume(volume, labels);
                if (!existed) {
                    made.add(volume);
                }
                try (InputStream in = backup.open(v + ".tar")) {
                    swarm.importVolume(volume, settings.image(), SystemBackup.MOUNT + v, in);
                } catch (IOException e) {
                    throw MailctlException.operation("could not read " + file + " while restoring it: "
                            + e.getMessage());
                }
            }
            List<String> restored = new ArrayList<>(present.stream().map(SystemBackup::volume).toList());
            if (writeKey) {
                RelayKeyFile.restore(settings.dataDir(), key);
                restored.add(settings.dataDir().resolve(RelayKeyFile.FILE).toString());
            }
            return restored;
        } catch (RuntimeException e) {
            made.forEach(swarm::removeVolume);
            throw e;
        }
    }
}
