package org.mailstack.mailctl.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.mailstack.core.account.AccountName;
import org.mailstack.mailctl.ExitCode;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.account.AccountCreator;
import org.mailstack.mailctl.account.AccountNaming;
import org.mailstack.mailctl.account.HealthWaiter;
import org.mailstack.mailctl.account.Progress;
import org.mailstack.mailctl.account.SavedHome;
import org.mailstack.mailctl.account.StackSettings;
import org.mailstack.mailctl.account.Swarm;
import org.mailstack.mailctl.tar.TarFormatException;

/**
 * Makes an account again from its backup, on this stack or another one, on any node able to run the image.
 *
 * <p>Nothing is made before the whole archive is checked ({@link BackupFile}: manifest, every entry's SHA-256, every
 * path of the home inside the home) and the account is known not to exist: a damaged, foreign or unsafe archive
 * changes nothing. Then the account is made the way {@code create} makes it ({@link AccountCreator}), its volume
 * filled from the archive before its service starts; it gets the saved password hash and SSH keys, and a new relay
 * secret from this stack's relay key. A failure after that removes what the restore made, volume included.
 */
public final class AccountRestorer {
    private static final String BCRYPT = "\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}";

    private final Swarm swarm;
    private final StackSettings settings;
    private final HealthWaiter waiter;
    private final Clock clock;

    public AccountRestorer(Swarm swarm, StackSettings settings, HealthWaiter waiter, Clock clock) {
        this.swarm = swarm;
        this.settings = settings;
        this.waiter = waiter;
        this.clock = clock;
    }

    /** The account made again, and the manifest of the backup it came from. */
    public record Restored(AccountCreator.Created account, BackupManifest manifest) {
    }

    /**
     * @param node the node to place it on, or null for the node of {@code target}
     * @param target the Docker endpoint of that node, or null for the manager's
     */
    public Restored restore(Path file, String node, Swarm target, Progress progress) {
        BackupManifest peek = BackupFile.manifest(file);
        if (!BackupManifest.ACCOUNT.equals(peek.kind())) {
            throw MailctlException.operation(file + " is a backup of the main system, not of an account");
        }
        AccountName user = accountName(file, peek);
        swarm.requireManager();
        if (swarm.accountService(user).isPresent()) {
            throw MailctlException.operation("account " + user + " exists: delete it first (mailctl delete " + user
                    + "), or restore the backup on another stack; nothing was changed");
        }
        progress.step("Checking " + file + " (" + user + ", backed up " + peek.backedUp() + ")");
        HomeArchive home = new HomeArchive(settings.home());
        BackupFile.Checked backup = BackupFile.check(file, Map.of(AccountBackup.HOME, data -> {
            HomeArchive.Counts counts = home.check(data);
            if (counts.files() != peek.files()) {
                throw new TarFormatException("it holds " + counts.files() + " files, its manifest says "
                        + peek.files());
            }
        }));
        BackupManifest manifest = backup.manifest();
        byte[] hash = backup.data(AccountBackup.PASSWORD);
        if (hash == null || !new String(hash, StandardCharsets.US_ASCII).strip().matches(BCRYPT)
                || !manifest.entries().containsKey(AccountBackup.HOME) || manifest.domain() == null) {
            throw MailctlException.operation(file + " is damaged: it lacks a password hash, a home or a domain;"
                    + " use another backup");
        }
        progress.step("  " + manifest.files() + " files, " + manifest.messages() + " messages: the archive is whole");
        Swarm engine = target == null ? swarm : target;
        SavedHome saved = new SavedHome(created(manifest), manifest.sshPort(), engine,
                (onNode, volume, image, homeDir) -> fill(backup, onNode, volume, image, homeDir));
        AccountCreator.Created created = new AccountCreator(swarm, settings, waiter, clock).create(user,
                manifest.domain(), hash, backup.data(AccountBackup.SSH_KEYS), node != null ? node : engine.nodeId(),
                Optional.of(saved), progress);
        return new Restored(created, manifest);
    }

    private static AccountName accountName(Path file, BackupManifest manifest) {
        try {
            return AccountNaming.validate(manifest.account());
        } catch (MailctlException e) {
            throw new MailctlException(ExitCode.OPERATION, file + " names no valid account (" + e.getMessage() + ")");
        }
    }

    private Instant created(BackupManifest manifest) {
        try {
            return manifest.created() == null ? clock.instant() : Instant.parse(manifest.created());
        } catch (DateTimeParseException e) {
            return clock.instant();
        }
    }

    /** Streams the home into the volume, checking on the way that the file still is what was checked. */
    private static void fill(BackupFile.Checked backup, Swarm engine, String volume, String image, String home) {
        MessageDigest sha = BackupWriter.sha256();
        try (InputStream in = new DigestInputStream(backup.open(AccountBackup.HOME), sha)) {
            engine.importVolume(volume, image, home, in);
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw MailctlException.operation("could not read the backup while restoring it (" + e.getMessage()
                    + "); the new volume " + volume + " is removed again");
        }
        if (!HexFormat.of().formatHex(sha.digest())
                .equals(backup.manifest().entries().get(AccountBackup.HOME).sha256())) {
            throw MailctlException.operation("the backup changed while it was restored; the new volume " + volume
                    + " is removed again");
        }
    }
}
