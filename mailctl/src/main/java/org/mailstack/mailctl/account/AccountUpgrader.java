package org.mailstack.mailctl.account;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.RelayKey;
import org.mailstack.mailctl.MailctlException;

/**
 * Brings accounts' services to the stack's current state, one account at a time: the user-container image given, and
 * a relay secret derived from the current relay key (ADR 2). Each changed account is waited for until healthy; one
 * whose new container does not become healthy goes back to its old image (keeping the new relay secret, which the old
 * image reads the same way) and is reported; the roll then stops, as a swarm update does on failure, so that a broken
 * image takes down one account for a minute rather than each in turn: the accounts not tried yet keep their old
 * image and are reported as {@code skipped}. Mail for an account while it restarts waits in the main container's
 * queue, which delivers it as soon as the account answers again (ADR 9).
 */
public final class AccountUpgrader {

    /**
     * What happened to one account: {@code current}, {@code upgraded}, {@code rolled-back} or {@code failed} (with the
     * reason), or {@code skipped} (not tried after an earlier account failed).
     */
    public record Outcome(String user, String from, String to, String result, String reason) {
        public boolean failed() {
            return "rolled-back".equals(result) || "failed".equals(result);
        }
    }

    private final Swarm swarm;
    private final StackSettings settings;
    private final HealthWaiter waiter;
    private final Clock clock;

    public AccountUpgrader(Swarm swarm, StackSettings settings, HealthWaiter waiter, Clock clock) {
        this.swarm = swarm;
        this.settings = settings;
        this.waiter = waiter;
        this.clock = clock;
    }

    /** Upgrades the named accounts (all when {@code users} is empty), in name order. */
    public List<Outcome> upgrade(List<String> users, Progress progress) {
        swarm.requireManager();
        RelayKey key = RelayKeyFile.load(settings.dataDir());
        String image = swarm.pinImage(settings.image());
        List<Outcome> outcomes = new ArrayList<>();
        Outcome failure = null;
        for (AccountService service : AccountLister.named(swarm, users)) {
            if (failure != null) {
                outcomes.add(new Outcome(service.user(), service.image(), image, "skipped",
                        "not tried: " + failure.user() + " could not run " + image));
                continue;
            }
            Outcome outcome = upgrade(service, image, key, progress);
            outcomes.add(outcome);
            if (outcome.failed()) {
                failure = outcome;
            }
        }
        return outcomes;
    }

    private Outcome upgrade(AccountService service, String image, RelayKey key, Progress progress) {
        String user = service.user();
        boolean imageCurrent = image.equals(service.image());
        boolean relayCurrent = service.secretNames().stream().anyMatch(n -> isRelaySecretOf(n, key));
        if (imageCurrent && relayCurrent) {
            return new Outcome(user, service.image(), image, "current", null);
        }
        progress.step("Upgrading " + user + (imageCurrent ? "" : " to image " + image)
                + (relayCurrent ? "" : ", with its own relay secret from key " + key.fingerprint()));
        Set<String> oldTasks = swarm.tasks(service.serviceName()).stream().map(TaskInfo::id)
                .collect(Collectors.toSet());
        String relay = service.secretNames().stream().filter(n -> isRelaySecretOf(n, key)).findFirst().orElse(null);
        if (relay == null) {
            List<String> own = new ArrayList<>();
            relay = AccountCreator.newRelaySecret(swarm, AccountName.of(user), service.domain(), clock.instant(), key, own);
        }
        swarm.updateAccount(service.serviceName(), image, Map.of(AccountCreator.RELAY_TARGET, relay));
        try {
            waiter.awaitHealthy(service.serviceName(), settings.healthTimeout(), progress, oldTasks);
        } catch (MailctlException e) {
            progress.step("  " + user + " did not become healthy: back to image " + service.image());
            Set<String> failedTasks = swarm.tasks(service.serviceName()).stream().map(TaskInfo::id)
                    .collect(Collectors.toSet());
            swarm.updateAccount(service.serviceName(), service.image(), Map.of(AccountCreator.RELAY_TARGET, relay));
            try {
                waiter.awaitHealthy(service.serviceName(), settings.healthTimeout(), progress, failedTasks);
            } catch (MailctlException again) {
                return new Outcome(user, service.image(), image, "failed", e.getMessage()
                        + "; and after going back: " + again.getMessage());
            }
            removeOldRelaySecrets(AccountName.of(user), relay);
            return new Outcome(user, service.image(), image, "rolled-back", e.getMessage());
        }
        removeOldRelaySecrets(AccountName.of(user), relay);
        return new Outcome(user, service.image(), image, "upgraded", null);
    }

    /** Whether {@code secretName} is an account relay secret derived from {@code key} ({@link ObjectNames}). */
    static boolean isRelaySecretOf(String secretName, RelayKey key) {
        return secretName.contains("-" + relayKind(key) + "-");
    }

    /** The kind part of the names of relay secrets derived from {@code key}. */
    static String relayKind(RelayKey key) {
        return "relay-" + key.fingerprint();
    }

    private void removeOldRelaySecrets(AccountName user, String current) {
        for (String old : swarm.accountSecrets(user, AccountCreator.RELAY_ROLE)) {
            if (!old.equals(current)) {
                swarm.removeSecret(old);
            }
        }
    }
}
