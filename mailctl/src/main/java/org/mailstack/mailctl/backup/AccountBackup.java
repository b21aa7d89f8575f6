package org.mailstack.mailctl.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mailstack.core.account.AccountName;
import org.mailstack.mailctl.ExitCode;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.account.AccountCreator;
import org.mailstack.mailctl.account.AccountLister;
import org.mailstack.mailctl.account.AccountService;
import org.mailstack.mailctl.account.ArchiveFiles;
import org.mailstack.mailctl.account.ObjectNames;
import org.mailstack.mailctl.account.Progress;
import org.mailstack.mailctl.account.StackSettings;
import org.mailstack.mailctl.account.Swarm;
import org.mailstack.mailctl.account.SwarmNode;
import org.mailstack.mailctl.tar.TarFormatException;

/**
 * Backs up running accounts, one archive each ({@code <name>-<UTC>.mailstack-backup.tar}, see {@link BackupWriter}):
 * the password hash and authorized SSH keys, read from the running container (Docker returns no secret's data) before
 * it is paused; then the whole home volume (Maildir with its UID lists and keyword tables, {@code rules.sieve}, the
 * SSH host key, the TLS pair), exported by a helper container while the account's container is {@link Frozen}; and a
 * manifest with the account's settings. The relay secret is left out: a restore derives a new one from the relay
 * key of its stack. The export is checked as a restore checks it before the archive gets its final name.
 *
 * <p>Volumes are local: an account is backed up through the Docker engine of the node its container runs on (the
 * manager's unless another node's endpoint is given), while the manager answers for services and nodes.
 */
public final class AccountBackup {
    public static final String SUFFIX = ".mailstack-backup.tar";
    public static final String PASSWORD = AccountCreator.PASSWORD_TARGET;
    public static final String SSH_KEYS = AccountCreator.SSH_KEYS_TARGET;
    public static final String HOME = "home.tar";

    /** One account's result: the archive written, or why there is none. */
    public record Outcome(String user, Path archive, long files, long messages, String error) {
        public boolean failed() {
            return error != null;
        }
    }

    private final Swarm swarm;
    private final Swarm node;
    private final StackSettings settings;
    private final Clock clock;

    public AccountBackup(Swarm swarm, StackSettings settings, Clock clock) {
        this(swarm, swarm, settings, clock);
    }

    /**
     * @param swarm the manager
     * @param node the engine of the node whose accounts are backed up (may be the manager itself)
     */
    public AccountBackup(Swarm swarm, Swarm node, StackSettings settings, Clock clock) {
        this.swarm = swarm;
        this.node = node;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Backs up the named accounts (every account when {@code users} is empty; with another node's engine, every
     * account on that node) in name order, one after the other; a
     * failure is reported in its outcome and the next account still goes, unless the disk is full (exit 4).
     */
    public List<Outcome> backup(List<String> users, Path dir, Progress progress) {
        swarm.requireManager();
        List<Outcome> outcomes = new ArrayList<>();
        String here = node == swarm ? null : node.nodeId();
        for (AccountService account : AccountLister.named(swarm, users)) {
            if (users.isEmpty() && here != null && !here.equals(account.nodeId())) {
                continue;
            }
            try {
                outcomes.add(backup(account, dir, progress));
            } catch (MailctlException e) {
                if (e.exitCode() == ExitCode.NO_SPACE) {
                    throw e;
                }
                progress.step("error: " + account.user() + ": " + e.getMessage());
                outcomes.add(new Outcome(account.user(), null, 0, 0, e.getMessage()));
            }
        }
        return outcomes;
    }

    private Outcome backup(AccountService account, Path dir, Progress progress) {
        String user = account.user();
        String service = account.serviceName();
        String volume = account.volume() == null ? ObjectNames.volume(AccountName.of(user)) : account.volume();
        SwarmNode runsOn = nodeOf(account);
        if (!node.runsContainerOf(service)) {
            throw MailctlException.operation("the container of " + user + " does not run on this node"
                    + " (see mailctl show " + user + "): its password hash is read from it; start it (docker service"
                    + " scale " + service + "=1) and back up again");
        }
        byte[] hash = node.readSecret(service, PASSWORD).orElseThrow(() -> MailctlException.operation(
                service + " mounts no " + PASSWORD + ": recreate the account with mailctl"));
        byte[] keys = node.readSecret(service, SSH_KEYS).orElse(null);

        Instant now = clock.instant();
        Path target = dir.resolve(user + "-" + ArchiveFiles.stamp(now) + SUFFIX);
        progress.step("Backing up " + user + " to " + target);
        try (BackupWriter archive = BackupWriter.create(target, now.getEpochSecond())) {
            archive.add(PASSWORD, hash);
            if (keys != null) {
                archive.add(SSH_KEYS, keys);
            }
            try (Frozen frozen = Frozen.pause(node, service, clock, progress)) {
                archive.stream(HOME, out -> node.exportVolume(volume, account.image(), settings.home(), out));
            }
            HomeArchive.Counts counts = checkHome(archive, user, volume);
            BackupManifest manifest = new BackupManifest(BackupManifest.ACCOUNT, user, account.domain(),
                    account.created(), runsOn == null ? null : runsOn.arch(), account.sshPort(), account.image(),
                    now.toString(), counts.files(), counts.messages(), archive.entries());
            Path done = archive.finish(manifest);
            progress.step("  " + counts.files() + " files, " + counts.messages() + " messages");
            return new Outcome(user, done, counts.files(), counts.messages(), null);
        } catch (IOException e) {
            throw ArchiveFiles.writeFailure(target, e, "");
        }
    }

    private HomeArchive.Counts checkHome(BackupWriter archive, String user, String volume) throws IOException {
        try {
            return new HomeArchive(settings.home()).check(archive.read(HOME));
        } catch (UnsafeEntryException e) {
            throw MailctlException.operation("in the home of " + user + ", " + e.getMessage() + ": a restore would"
                    + " refuse it; remove it (ssh, as the account's owner) and back up again");
        } catch (TarFormatException e) {
            throw MailctlException.operation("the export of volume " + volume + " is not a whole tar archive ("
                    + e.getMessage() + ")");
        }
    }

    /** The node the account runs on; an account pinned to another node than the engine's cannot be read. */
    private SwarmNode nodeOf(AccountService account) {
        String here = node.nodeId();
        String id = account.nodeId() == null ? here : account.nodeId();
        List<SwarmNode> nodes = swarm.nodes();
        if (!id.equals(here)) {
            throw MailctlException.operation(account.user() + " runs on node " + hostname(nodes, id) + ", where its"
                    + " volume is, out of reach of the engine at hand (node " + hostname(nodes, here) + "): give"
                    + " that node's Docker endpoint (--from-docker), or back it up in a run of its own");
        }
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
    }

    private static String hostname(List<SwarmNode> nodes, String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).map(SwarmNode::hostname).findFirst().orElse(id);
    }
}
