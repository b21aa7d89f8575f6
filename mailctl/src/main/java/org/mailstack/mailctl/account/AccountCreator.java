package org.mailstack.mailctl.account;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.InvalidAddressException;
import org.mailstack.core.account.Ipv6Plan;
import org.mailstack.core.account.MailAddress;
import org.mailstack.core.account.RelayKey;
import org.mailstack.mailctl.MailctlException;

/**
 * Creates an account: its Maildir volume, its secrets, and its swarm service, then waits until it is healthy.
 *
 * <p>Concurrency and interruption: the service name is the lock. The volume has a fixed name and is created
 * idempotently, so a second {@code create} after an interrupted one reuses it (and an account deleted with
 * {@code --keep-volume} gets its mail back). Secrets get random names: a losing {@code create} removes only its
 * own; the winner removes the account's stale secrets once its service exists. Creating the service is a single
 * Docker call, so there is no half-made service.
 */
public final class AccountCreator {
    /** Where the user container finds its password hash, its own relay secret and authorized SSH keys. */
    public static final String PASSWORD_TARGET = "password_hash";
    public static final String RELAY_TARGET = "relay_secret";
    public static final String SSH_KEYS_TARGET = "ssh_authorized_keys";
    /** The {@link Labels#ROLE} of an account's relay secret. */
    public static final String RELAY_ROLE = "relay-secret";

    /**
     * What {@code create} made; {@code sshPort} is the host port of the owner's SSH on {@code node}, {@code ipv6}
     * the account's own address or null.
     */
    public record Created(AccountName user, MailAddress address, String serviceName, SwarmNode node, boolean volumeReused,
                          int sshPort, String ipv6) {
    }

    private static final int MAX_PORT_MOVES = 8;
    private static final RandomGenerator RANDOM = new SecureRandom();

    private final Swarm swarm;
    private final StackSettings settings;
    private final HealthWaiter waiter;
    private final Clock clock;

    public AccountCreator(Swarm swarm, StackSettings settings, HealthWaiter waiter, Clock clock) {
        this.swarm = swarm;
        this.settings = settings;
        this.waiter = waiter;
        this.clock = clock;
    }

    /**
     * @param passwordHash the bcrypt hash of the password
     * @param sshKeys an authorized_keys file, or null
     * @param node the node to place the account on, or null for the least-loaded one
     */
    public Created create(AccountName user, String domain, byte[] passwordHash, byte[] sshKeys, String node,
                          Progress progress) {
        return create(user, domain, passwordHash, sshKeys, node, Optional.empty(), progress);
    }

    /**
     * Creates the account, its volume filled from {@code saved} when present (a restore): then the volume is made and
     * filled on the saved home's node before any secret or service exists, it must be new or empty, and it is removed
     * again when the account cannot be made.
     */
    public Created create(AccountName user, String domain, byte[] passwordHash, byte[] sshKeys, String node,
                          Optional<SavedHome> saved, Progress progress) {
        swarm.requireManager();
        RelayKey relayKey = requireStack();
        String service = AccountNaming.serviceName(user);
        if (swarm.accountService(user).isPresent()) {
            throw exists(user);
        }
        MailAddress address = address(user, domain);
        String arch = swarm.imageArchitecture(settings.image()).orElseThrow(() -> MailctlException.environment(
                "image " + settings.image() + " is not on this node: build it with ./mailstack build"));
        Placement.Choice choice = Placement.choose(swarm.nodes(), swarm.accountServices(), arch, node);
        progress.step("Placing " + user + " on node " + choice.node().hostname() + " (" + arch + ")");
        String ipv6 = AccountIpv6.address(swarm, user, choice.node()).orElse(null);

        Instant now = saved.map(SavedHome::created).orElseGet(clock::instant);
        String image = swarm.pinImage(settings.image());
        String volume = ObjectNames.volume(user);
        // Volumes are local: made here only when the account runs on this node; elsewhere the node makes it (with
        // the service's labels) when the task starts, and an existing one there is reused the same way.
        Swarm volumes = saved.map(SavedHome::node).orElse(swarm);
        boolean local = choice.node().id().equals(volumes.nodeId());
        if (saved.isPresent() && !local) {
            throw MailctlException.operation("the volume of " + user + " is filled on node "
                    + choice.node().hostname() + ": give that node's Docker endpoint (--to-docker), or restore on"
                    + " the node mailctl talks to");
        }
        boolean reused = local && volumes.volumeExists(volume);
        if (saved.isPresent() && reused) {
            AccountMover.requireNoMailOn(volumes, volume, choice.node(), image, "restore");
        }
        if (local) {
            progress.step(reused ? "Reusing volume " + volume + (saved.isPresent() ? " (empty)" : " (its mail is kept)")
                    : "Creating volume " + volume);
            volumes.createVolume(volume, Labels.of(user, domain, now, "maildir"));
        } else {
            progress.step("Volume " + volume + " is made (or reused) on " + choice.node().hostname());
        }
        if (saved.isPresent()) {
            progress.step("Filling volume " + volume + " with the saved home");
            try {
                saved.get().filling().fill(volumes, volume, image, settings.home());
            } catch (RuntimeException e) {
                removeRestoredVolume(volumes, volume, user, reused);
                throw e;
            }
        }

        List<String> own = new ArrayList<>();
        List<SecretMount> mounts = new ArrayList<>();
        Thread cleanup = new Thread(() -> removeAll(own), "mailctl-create-cleanup");
        boolean hooked = addHook(cleanup);
        try {
            progress.step("Storing the account's relay secret and password hash as Docker secrets");
            mounts.add(new SecretMount(newRelaySecret(swarm, user, domain, now, relayKey, own), RELAY_TARGET));
            mounts.add(new SecretMount(newSecret(user, domain, now, "pw", "password", passwordHash, own),
                    PASSWORD_TARGET));
            if (sshKeys != null) {
                mounts.add(new SecretMount(newSecret(user, domain, now, "ssh", "ssh-keys", sshKeys, own),
                        SSH_KEYS_TARGET));
            }
            int sshPort = SshPorts.pick(swarm.publishedPorts(), saved.map(SavedHome::sshPort).orElse(0));
            progress.step("Creating service " + service + " (SSH on port " + sshPort + ")");
            createService(user, domain, now, service, image, volume, mounts, choice, sshPort, ipv6);
        } catch (RuntimeException e) {
            removeAll(own);
            if (saved.isPresent()) {
                removeRestoredVolume(volumes, volume, user, reused);
            }
            throw e;
        } finally {
            if (hooked) {
                removeHook(cleanup);
            }
        }
        removeStaleSecrets(user, own);
        int sshPort = settleSshPort(service, swarm.accountService(user).map(AccountService::sshPort).orElse(0),
                progress);
        progress.step("Waiting until the container is healthy");
        waiter.awaitHealthy(service, settings.healthTimeout(), progress);
        return new Created(user, address, service, choice.node(), reused, sshPort, ipv6);
    }

    /**
     * The account's address ({@code box@<user>.<domain>}, core's {@link MailAddress#boxOf}).
     *
     * @throws MailctlException a usage error (exit 2) when {@code domain} is no valid mail domain
     */
    public static MailAddress address(AccountName user, String domain) {
        try {
            return MailAddress.boxOf(user, domain);
        } catch (InvalidAddressException e) {
            throw MailctlException.usage("'" + AccountNaming.printable(domain) + "' is not a valid mail domain: "
                    + e.getMessage());
        }
    }

    private RelayKey requireStack() {
        if (!swarm.networkExists(settings.network())) {
            throw MailctlException.environment("the network " + settings.network()
                    + " is missing: run ./mailstack up first");
        }
        return RelayKeyFile.load(settings.dataDir());
    }

    /**
     * A new secret holding the account's own relay secret, derived from the relay key and labelled with its
     * fingerprint; its name joins {@code own}.
     */
    static String newRelaySecret(Swarm swarm, AccountName user, String domain, Instant now, RelayKey key,
                                 List<String> own) {
        String name = ObjectNames.secret(user, AccountUpgrader.relayKind(key));
        own.add(name);
        Map<String, String> labels = new HashMap<>(Labels.of(user, domain, now, RELAY_ROLE));
        labels.put(Labels.RELAY_KEY, key.fingerprint());
        swarm.createSecret(name, key.forAccount(user).getBytes(StandardCharsets.US_ASCII), labels);
        return name;
    }

    private String newSecret(AccountName user, String domain, Instant now, String kind, String role, byte[] data,
                             List<String> own) {
        String name = ObjectNames.secret(user, kind);
        own.add(name);
        swarm.createSecret(name, data, Labels.of(user, domain, now, role));
        return name;
    }

    private void createService(AccountName user, String domain, Instant now, String service, String image, String volume,
                               List<SecretMount> mounts, Placement.Choice choice, int sshPort, String ipv6) {
        Map<String, String> labels = new HashMap<>(Labels.of(user, domain, now, null));
        Map<String, String> env = new HashMap<>(Map.of("MAILSTACK_USER", user.value(), "MAILSTACK_DOMAIN", domain));
        if (ipv6 != null) {
            labels.put(Ipv6Plan.SERVICE_ADDRESS_LABEL, ipv6);
            env.put(Ipv6Plan.ADDRESS_ENV, ipv6);
        }
        ServiceRequest request = new ServiceRequest(service, image, labels, env, volume, settings.home(),
                mounts, settings.network(), choice.constraints(), settings.memoryBytes(),
                Duration.ofSeconds(5), sshPort, List.of(SshPorts.CAPABILITY),
                ipv6 == null ? null : Ipv6Plan.NETWORK);
        try {
            swarm.createService(request);
        } catch (MailctlException e) {
            if (e instanceof NameTakenException || swarm.accountService(user).isPresent()) {
                throw exists(user);
            }
            throw e;
        }
    }

    /**
     * Two concurrent creates of different accounts may pick the same free port; the swarm would then never start
     * the second task. The later service always sees the earlier one here, and moves to another free port.
     */
    private int settleSshPort(String service, int port, Progress progress) {
        int current = port;
        for (int round = 0; current > 0 && round < MAX_PORT_MOVES; round++) {
            if (swarm.servicesPublishing(current).stream().allMatch(service::equals)) {
                return current;
            }
            int next = SshPorts.pickAny(swarm.publishedPorts(), RANDOM);
            progress.step("Port " + current + " was taken by a concurrent create: SSH moves to port " + next);
            swarm.moveSshPort(service, next);
            current = next;
        }
        if (current > 0 && !swarm.servicesPublishing(current).stream().allMatch(service::equals)) {
            throw MailctlException.operation("no SSH port for " + service + " that no other service publishes after "
                    + MAX_PORT_MOVES + " tries; delete the account and create it again");
        }
        return current;
    }

    /** Secrets left by interrupted or losing creates; only the holder of the service name removes them. */
    private void removeStaleSecrets(AccountName user, List<String> own) {
        for (String name : swarm.accountSecrets(user, null)) {
            if (!own.contains(name)) {
                swarm.removeSecret(name);
            }
        }
    }

    /**
     * A restore that failed takes its volume back, so that nothing of it is left; not when a concurrent create of the
     * same name won meanwhile (that account now owns the volume of this name).
     */
    private void removeRestoredVolume(Swarm volumes, String volume, AccountName user, boolean existedBefore) {
        if (existedBefore || swarm.accountService(user).isPresent()) {
            return;
        }
        try {
            volumes.removeVolume(volume);
        } catch (RuntimeException e) {
            // best effort: the message of the failure says what went wrong; the volume can be removed by hand
        }
    }

    private void removeAll(List<String> names) {
        for (String name : List.copyOf(names)) {
            try {
                swarm.removeSecret(name);
            } catch (RuntimeException e) {
                // best effort: the next successful create of this account removes it
            }
        }
        names.clear();
    }

    private static MailctlException exists(AccountName user) {
        return MailctlException.operation("account " + user + " already exists (see mailctl show " + user + ")");
    }

    private static boolean addHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs and finds nothing left to remove
        }
    }
}
