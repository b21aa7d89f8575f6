package org.mailstack.mailctl.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.mailstack.core.account.AccountName;
import org.mailstack.mailctl.ExitCode;
import org.mailstack.mailctl.MailctlException;

/**
 * Moves an account to another node with its mail (ADR 12): the service is scaled to 0 (the main container keeps
 * accepting the account's mail and queues it), the Maildir volume is streamed from the old node to the new one and
 * its manifest compared, then the service is pinned to the new node and scaled back to 1. The old volume is removed
 * only once the copy matched and the account's container is healthy on the new node.
 *
 * <p>Volumes are local: mailctl reaches each of the two nodes through its own Docker endpoint ({@link Endpoints}),
 * which may be the manager's. A node that cannot be reached cannot be moved from: its mail waits in the queue.
 * Any failure before the new service starts puts the account back on its old node with its volume untouched.
 */
public final class AccountMover {
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /** The Docker endpoints of the account's current node and of the target node; either may be the manager. */
    public record Endpoints(Swarm source, Swarm target) {
    }

    /** The result: the nodes by hostname, what was copied, and whether the old volume stays. */
    public record Moved(AccountName user, String from, String to, VolumeManifest manifest, boolean oldVolumeKept) {
    }

    private final Swarm manager;
    private final StackSettings settings;
    private final HealthWaiter waiter;
    private final Await await;
    private final Clock clock;

    /** @param pause how waits pass (tests pass time without sleeping) */
    public AccountMover(Swarm manager, StackSettings settings, Clock clock, HealthWaiter.Pause pause) {
        this.manager = manager;
        this.settings = settings;
        this.clock = clock;
        this.waiter = new HealthWaiter(manager, clock, pause);
        this.await = new Await(clock, pause);
    }

    public Moved move(AccountName user, String targetNode, Endpoints nodes, boolean keepOldVolume, Progress progress) {
        manager.requireManager();
        AccountService account = manager.accountService(user).orElseThrow(() -> AccountLister.unknown(user));
        List<SwarmNode> all = manager.nodes();
        SwarmNode to = Placement.named(all, targetNode);
        SwarmNode from = sourceNode(account, all);
        if (from.id().equals(to.id())) {
            throw MailctlException.operation(user + " is on " + to.hostname() + " already");
        }
        if (!to.available()) {
            throw MailctlException.operation("node " + to.hostname() + " is not ready and active; choose another"
                    + " (docker node ls)");
        }
        requireEndpoint(nodes.source(), from, "--from-docker", user);
        requireEndpoint(nodes.target(), to, "--to-docker", user);
        String volume = account.volume() == null ? ObjectNames.volume(user) : account.volume();
        if (!nodes.source().volumeExists(volume)) {
            throw MailctlException.operation("no volume " + volume + " on " + from.hostname()
                    + ": nothing to move (see mailctl show " + user + ")");
        }
        requireNoMailOn(nodes.target(), volume, to, account.image(), "move");
        // Before anything stops: a target without a routed prefix is refused here (ADR 14).
        String ipv6 = account.ipv6() == null ? null : AccountIpv6.address(manager, user, to).orElse(null);
        VolumeManifest copied = stopAndCopy(account, volume, from, to, nodes, progress);
        start(account, to, from, volume, ipv6, progress);
        if (keepOldVolume) {
            progress.step("Keeping the old volume " + volume + " on " + from.hostname()
                    + " (remove it there with docker volume rm " + volume + ")");
        } else {
            progress.step("Removing the old volume " + volume + " from " + from.hostname());
            nodes.source().removeStoppedContainers(account.serviceName());
            await.until(() -> nodes.source().removeVolume(volume), AccountRemover.GONE_TIMEOUT,
                    "the removal of volume " + volume + " on " + from.hostname());
        }
        return new Moved(user, from.hostname(), to.hostname(), copied, keepOldVolume);
    }

    private static SwarmNode sourceNode(AccountService account, List<SwarmNode> all) {
        if (account.nodeId() == null) {
            throw MailctlException.operation(account.serviceName() + " is not pinned to a node, so mailctl cannot"
                    + " tell where its volume is; pin it with docker service update --constraint-add node.id==NODE");
        }
        return all.stream().filter(n -> n.id().equals(account.nodeId())).findFirst()
                .orElseThrow(() -> MailctlException.operation("node " + account.nodeId() + ", which holds the"
                        + " volume of " + account.user() + ", is no longer in the swarm: its mail is on that"
                        + " machine's disk; join it again to move the account"));
    }

    /**
     * The new node may hold an empty volume of that name (create makes the volume on the manager whatever the node;
     * a failed move leaves none): it is filled. One with files is refused rather than merged or overwritten.
     */
    static void requireNoMailOn(Swarm target, String volume, SwarmNode to, String image, String operation) {
        if (target.volumeExists(volume) && target.manifest(volume, image).files() > 0) {
            throw MailctlException.operation("volume " + volume + " on " + to.hostname() + " holds files already"
                    + " (left by an interrupted " + operation + ", or kept by delete --keep-volume?): check it,"
                    + " remove it there with docker volume rm " + volume + ", and run the " + operation + " again");
        }
    }

    /** The endpoint must answer and be the node it stands for: a wrong socket would copy the wrong disk. */
    private static void requireEndpoint(Swarm endpoint, SwarmNode node, String option, AccountName user) {
        String id;
        try {
            id = endpoint.nodeId();
        } catch (MailctlException e) {
            if (e.exitCode() != ExitCode.ENVIRONMENT) {
                throw e;
            }
            throw MailctlException.environment("node " + node.hostname() + " cannot be reached through its Docker"
                    + " endpoint (" + e.getMessage() + "); pass " + option + " with its endpoint. Mail for " + user
                    + " waits in the main container's queue meanwhile.");
        }
        if (!id.equals(node.id())) {
            throw MailctlException.usage("the Docker endpoint for " + option + " is node " + id + ", not "
                    + node.hostname() + " (" + node.id() + "): pass " + option + " with " + node.hostname()
                    + "'s endpoint (the manager's is used when the option is absent)");
        }
    }

    /** Stops the account and copies its volume; on failure the account runs again on its old node. */
    private VolumeManifest stopAndCopy(AccountService account, String volume, SwarmNode from, SwarmNode to,
                                       Endpoints nodes, Progress progress) {
        String service = account.serviceName();
        progress.step("Stopping " + service + " on " + from.hostname() + " (its mail waits in the main queue)");
        manager.scaleService(service, 0);
        boolean created = false;
        try {
            await.until(() -> !nodes.source().runsContainerOf(service)
                            && manager.tasks(service).stream().noneMatch(TaskInfo::running),
                    STOP_TIMEOUT, "the stop of " + service);
            VolumeManifest before = nodes.source().manifest(volume, account.image());
            progress.step("Copying " + volume + " (" + before + ") from " + from.hostname() + " to "
                    + to.hostname());
            nodes.target().createVolume(volume, Labels.of(AccountName.of(account.user()), account.domain(), created(account),
                    "maildir"));
            created = true;
            VolumeTransfer.copy(nodes.source(), nodes.target(), volume, account.image(), settings.home());
            VolumeManifest after = nodes.target().manifest(volume, account.image());
            if (!after.equals(before)) {
                throw MailctlException.operation("the copy on " + to.hostname() + " (" + after + ") differs from"
                        + " the volume on " + from.hostname() + " (" + before + ")");
            }
            return after;
        } catch (MailctlException e) {
            if (created) {
                nodes.target().removeVolume(volume);
            }
            manager.scaleService(service, 1);
            throw new MailctlException(e.exitCode(), e.getMessage() + "; " + account.user() + " stays on "
                    + from.hostname() + " with its volume, nothing was removed", e);
        }
    }

    private void start(AccountService account, SwarmNode to, SwarmNode from, String volume, String ipv6,
                       Progress progress) {
        String service = account.serviceName();
        Set<String> oldTasks = manager.tasks(service).stream().map(TaskInfo::id).collect(Collectors.toSet());
        if (ipv6 != null) {
            progress.step("Its IPv6 address on " + to.hostname() + " is " + ipv6 + ": update its AAAA record"
                    + " (mailctl dns)");
            manager.setIpv6Address(service, ipv6);
        }
        progress.step("Starting " + service + " on " + to.hostname());
        manager.pinService(service, Placement.pin(to), 1);
        try {
            waiter.awaitHealthy(service, settings.healthTimeout(), progress, oldTasks);
        } catch (MailctlException e) {
            throw new MailctlException(e.exitCode(), e.getMessage() + "; the mail was copied to " + to.hostname()
                    + " and the old volume " + volume + " is kept on " + from.hostname(), e);
        }
    }

    private Instant created(AccountService account) {
        try {
            return account.created() == null ? clock.instant() : Instant.parse(account.created());
        } catch (DateTimeParseException e) {
            return clock.instant();
        }
    }
}
