package org.mailstack.mailctl.account;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.mailstack.core.account.AccountName;
import org.mailstack.mailctl.MailctlException;

/**
 * Deletes an account: service, then (by mode) the Maildir volume after archiving it, then its secrets.
 *
 * <p>The service goes first so nothing writes to the Maildir while it is archived. The archive is written to a
 * {@code .part} file and renamed when complete; the volume is removed only after that, so a failed export keeps the
 * data. An account left half-made (a volume or secrets without a service) is deleted the same way.
 */
public final class AccountRemover {
    static final Duration GONE_TIMEOUT = Duration.ofSeconds(60);

    /** What happens to the Maildir volume. */
    public enum Mode { ARCHIVE, KEEP_VOLUME, PURGE }

    /** @param archive the archive written, or null */
    public record Removed(AccountName user, Path archive, boolean volumeKept) {
    }

    private final Swarm swarm;
    private final StackSettings settings;
    private final Await await;
    private final Clock clock;

    public AccountRemover(Swarm swarm, StackSettings settings, Await await, Clock clock) {
        this.swarm = swarm;
        this.settings = settings;
        this.await = await;
        this.clock = clock;
    }

    /** Fails with exit 1 when nothing of the account exists. */
    public void requireExists(AccountName user) {
        swarm.requireManager();
        if (swarm.accountService(user).isEmpty() && !swarm.volumeExists(ObjectNames.volume(user))
                && swarm.accountSecrets(user, null).isEmpty()) {
            throw AccountLister.unknown(user);
        }
    }

    public Removed delete(AccountName user, Mode mode, Path archiveDir, Progress progress) {
        requireExists(user);
        String service = AccountNaming.serviceName(user);
        String volume = ObjectNames.volume(user);
        String elsewhere = nodeElsewhere(user);
        if (elsewhere != null && mode != Mode.KEEP_VOLUME) {
            throw MailctlException.operation("the Maildir of " + user + " is on node " + elsewhere + ", not on the"
                    + " node mailctl talks to: move the account here first (mailctl move " + user + " --to NODE), or"
                    + " delete with --keep-volume and remove the volume on " + elsewhere + " yourself");
        }
        boolean hasVolume = swarm.volumeExists(volume);
        if (mode == Mode.ARCHIVE && hasVolume && swarm.imageArchitecture(settings.image()).isEmpty()) {
            throw MailctlException.environment("image " + settings.image() + " is needed to archive the Maildir:"
                    + " build it with ./mailstack build, or use --keep-volume");
        }
        if (swarm.accountService(user).isPresent()) {
            progress.step("Removing service " + service);
            swarm.removeService(service);
            await.until(() -> swarm.containersGone(service), GONE_TIMEOUT, "the stop of " + service);
        }
        Path archive = null;
        if (hasVolume && mode == Mode.ARCHIVE) {
            archive = export(user, volume, archiveDir, progress);
        }
        if (hasVolume && mode != Mode.KEEP_VOLUME) {
            progress.step("Removing volume " + volume);
            await.until(() -> swarm.removeVolume(volume), GONE_TIMEOUT, "the removal of volume " + volume);
        } else if (hasVolume) {
            progress.step("Keeping volume " + volume + " (mailctl create " + user + " reuses it)");
        } else if (elsewhere != null) {
            progress.step("Keeping volume " + volume + " on node " + elsewhere + " (mailctl create " + user
                    + " --node " + elsewhere + " reuses it)");
        }
        List<String> secrets = swarm.accountSecrets(user, null);
        if (!secrets.isEmpty()) {
            progress.step("Removing " + secrets.size() + " secret(s)");
            for (String name : secrets) {
                await.until(() -> swarm.removeSecret(name), GONE_TIMEOUT, "the removal of secret " + name);
            }
        }
        return new Removed(user, archive, (hasVolume || elsewhere != null) && mode == Mode.KEEP_VOLUME);
    }

    /** The hostname of the node the account is pinned to when that is not this endpoint's node, else null. */
    private String nodeElsewhere(AccountName user) {
        String nodeId = swarm.accountService(user).map(AccountService::nodeId).orElse(null);
        if (nodeId == null || nodeId.equals(swarm.nodeId())) {
            return null;
        }
        return swarm.nodes().stream().filter(n -> n.id().equals(nodeId)).map(SwarmNode::hostname)
                .findFirst().orElse(nodeId);
    }

    private Path export(AccountName user, String volume, Path archiveDir, Progress progress) {
        Path target = archiveDir.resolve(user + "-" + ArchiveFiles.stamp(clock.instant()) + ".tar");
        Path part = ArchiveFiles.part(target);
        progress.step("Archiving the Maildir to " + target);
        try {
            ArchiveFiles.createPrivate(part);
            try (OutputStream out = Files.newOutputStream(part)) {
                swarm.exportVolume(volume, settings.image(), settings.home(), out);
            }
            return ArchiveFiles.publish(part, target);
        } catch (IOException e) {
            ArchiveFiles.deleteQuietly(part);
            throw ArchiveFiles.writeFailure(target, e, "; the volume " + volume + " is kept");
        } catch (MailctlException e) {
            ArchiveFiles.deleteQuietly(part);
            throw new MailctlException(e.exitCode(), e.getMessage() + "; the volume " + volume + " is kept", e);
        }
    }
}
