package org.mailstack.mailctl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.Ipv6Plan;
import org.mailstack.mailctl.account.AccountService;
import org.mailstack.mailctl.account.Labels;
import org.mailstack.mailctl.account.NameTakenException;
import org.mailstack.mailctl.account.SecretMount;
import org.mailstack.mailctl.account.ServiceRequest;
import org.mailstack.mailctl.account.StackSettings;
import org.mailstack.mailctl.account.Swarm;
import org.mailstack.mailctl.account.SwarmNode;
import org.mailstack.mailctl.account.TaskInfo;
import org.mailstack.mailctl.account.Usage;
import org.mailstack.mailctl.account.VolumeManifest;

/** An in-memory swarm with Docker's rules that matter here: unique names, secrets and volumes in use stay. */
public final class FakeSwarm implements Swarm {
    public record Secret(byte[] data, Map<String, String> labels) {
    }

    public boolean reachable = true;
    public boolean manager = true;
    public final List<String> networks = new ArrayList<>(List.of(StackSettings.NETWORK));
    public final Map<String, Secret> secrets = new LinkedHashMap<>();
    public final Map<String, Map<String, String>> volumes = new LinkedHashMap<>();
    public final Map<String, ServiceRequest> services = new LinkedHashMap<>();
    public final List<SwarmNode> nodes = new ArrayList<>(List.of(new SwarmNode("n1", "vm", "amd64", false, true)));
    public final Map<String, String> images = new HashMap<>(Map.of(StackSettings.IMAGE, "amd64"));
    public final Map<String, Usage> usage = new HashMap<>();
    public final Map<String, byte[]> files = new HashMap<>();
    /** Incremented by each service update: the swarm replaces the task. */
    public final Map<String, Integer> generation = new HashMap<>();
    /** The tasks a service shows; by default one running, healthy task on its pinned node. */
    public Function<ServiceRequest, List<TaskInfo>> tasks = r -> List.of(
            new TaskInfo("t" + generation.getOrDefault(r.serviceName(), 0), nodeOf(r), "running", "running", null,
                    "healthy", "2026-01-01T00:00:00Z"));
    /** This endpoint's node id (see {@link #nodeId()}). */
    public String nodeId = "n1";
    /** Replica counts set by scale and pin; a service scaled to 0 has no task. */
    public final Map<String, Integer> replicas = new HashMap<>();
    /** What a volume holds, as its export writes it; the default is a text naming the volume. */
    public final Map<String, byte[]> volumeData = new HashMap<>();
    /** Services with a container running on this endpoint's node. */
    public final Set<String> running = new HashSet<>();
    /** Services whose container is paused on this endpoint's node. */
    public final Set<String> paused = new HashSet<>();
    /** Pauses, unpauses and volume exports and imports, in order: "pause user-alice", "export user-alice-home". */
    public final List<String> events = new ArrayList<>();
    /** Thrown by the next volume export, when set. */
    public RuntimeException exportFailure;
    /** Imports store only half of the archive: a broken copy. */
    public boolean truncateImports;
    /** Runs just before a service is created: lets a test play a concurrent create. */
    public Runnable beforeCreateService = () -> { };
    public int closed;

    /** The relay key a {@link CliRun} writes into its data directory. */
    public static final String RELAY_KEY = "fake-relay-key-of-the-test-stack-0123456789";

    private void check() {
        if (!reachable) {
            throw MailctlException.environment("Docker is not reachable at unix:///fake.sock");
        }
    }

    @Override
    public void requireManager() {
        check();
        if (!manager) {
            throw MailctlException.environment("this node is a swarm worker, not a manager");
        }
    }

    @Override
    public boolean networkExists(String name) {
        check();
        return networks.contains(name);
    }

    @Override
    public boolean secretExists(String name) {
        check();
        return secrets.containsKey(name);
    }

    @Override
    public List<SwarmNode> nodes() {
        check();
        return List.copyOf(nodes);
    }

    @Override
    public Optional<String> imageArchitecture(String image) {
        check();
        return Optional.ofNullable(images.get(image));
    }

    @Override
    public List<AccountService> accountServices() {
        check();
        return services.values().stream().map(FakeSwarm::toAccount).toList();
    }

    @Override
    public Optional<AccountService> accountService(AccountName user) {
        return accountServices().stream().filter(a -> a.user().equals(user.value())).findFirst();
    }

    /** Host ports published by services that are not accounts (the stack's own). */
    public final Set<Integer> otherPorts = new HashSet<>();

    @Override
    public Set<Integer> publishedPorts() {
        check();
        Set<Integer> ports = new HashSet<>(otherPorts);
        services.values().stream().filter(r -> r.sshPort() > 0).forEach(r -> ports.add(r.sshPort()));
        return ports;
    }

    @Override
    public void moveSshPort(String serviceName, int port) {
        check();
        services.put(serviceName, services.get(serviceName).withSshPort(port));
    }

    @Override
    public List<String> servicesPublishing(int port) {
        check();
        List<String> names = new ArrayList<>(services.values().stream().filter(r -> r.sshPort() == port)
                .map(ServiceRequest::serviceName).toList());
        if (otherPorts.contains(port)) {
            names.add("stack-service");
        }
        return names;
    }

    @Override
    public boolean volumeExists(String name) {
        check();
        return volumes.containsKey(name);
    }

    @Override
    public void createVolume(String name, Map<String, String> labels) {
        check();
        volumes.putIfAbsent(name, labels);
    }

    @Override
    public boolean removeVolume(String name) {
        check();
        // in use by a container: a service with a task on this endpoint's node
        if (services.values().stream().anyMatch(s -> s.volume().equals(name)
                && replicas.getOrDefault(s.serviceName(), 1) > 0
                && (nodeOf(s) == null || nodeOf(s).equals(nodeId)))) {
            return false;
        }
        volumes.remove(name);
        volumeData.remove(name);
        return true;
    }

    @Override
    public void createSecret(String name, byte[] data, Map<String, String> labels) {
        check();
        if (secrets.putIfAbsent(name, new Secret(data.clone(), Map.copyOf(labels))) != null) {
            throw new NameTakenException("secret " + name + " exists");
        }
    }

    @Override
    public List<String> accountSecrets(AccountName user, String role) {
        check();
        return secrets.entrySet().stream()
                .filter(e -> user.value().equals(e.getValue().labels().get(Labels.ACCOUNT)))
                .filter(e -> role == null || role.equals(e.getValue().labels().get(Labels.ROLE)))
                .map(Map.Entry::getKey).sorted().toList();
    }

    @Override
    public boolean removeSecret(String name) {
        check();
        if (services.values().stream().anyMatch(s -> s.secrets().stream().anyMatch(m -> m.secretName().equals(name)))) {
            return false;
        }
        secrets.remove(name);
        return true;
    }

    @Override
    public void createService(ServiceRequest request) {
        check();
        beforeCreateService.run();
        if (services.containsKey(request.serviceName())) {
            throw new NameTakenException("service " + request.serviceName() + " exists");
        }
        for (SecretMount m : request.secrets()) {
            if (!secrets.containsKey(m.secretName())) {
                throw MailctlException.operation("secret not found: " + m.secretName());
            }
        }
        services.put(request.serviceName(), request);
    }

    @Override
    public void replaceSecret(String serviceName, String target, String newSecretName) {
        check();
        ServiceRequest r = services.get(serviceName);
        List<SecretMount> mounts = new ArrayList<>(r.secrets().stream().filter(m -> !m.target().equals(target)).toList());
        mounts.add(new SecretMount(newSecretName, target));
        generation.merge(serviceName, 1, Integer::sum);
        services.put(serviceName, new ServiceRequest(r.serviceName(), r.image(), r.labels(), r.env(), r.volume(),
                r.home(), mounts, r.network(), r.constraints(), r.memoryBytes(), r.restartDelay(), r.sshPort(),
                r.capabilities()));
    }

    @Override
    public void updateAccount(String serviceName, String image, Map<String, String> secretsByTarget) {
        check();
        ServiceRequest r = services.get(serviceName);
        List<SecretMount> mounts = new ArrayList<>(r.secrets().stream()
                .filter(m -> !secretsByTarget.containsKey(m.target())).toList());
        secretsByTarget.forEach((target, name) -> mounts.add(new SecretMount(name, target)));
        generation.merge(serviceName, 1, Integer::sum);
        services.put(serviceName, new ServiceRequest(r.serviceName(), image, r.labels(), r.env(), r.volume(),
                r.home(), mounts, r.network(), r.constraints(), r.memoryBytes(), r.restartDelay(), r.sshPort(),
                r.capabilities()));
    }

    /** Local images and the content tag each pins to; an image not listed pins to itself. */
    public final Map<String, String> pins = new HashMap<>();

    @Override
    public String pinImage(String image) {
        return pins.getOrDefault(image, image);
    }

    @Override
    public void scaleService(String serviceName, int count) {
        check();
        replicas.put(serviceName, count);
        generation.merge(serviceName, 1, Integer::sum);
    }

    @Override
    public void pinService(String serviceName, List<String> constraints, int count) {
        check();
        services.put(serviceName, services.get(serviceName).withConstraints(constraints));
        scaleService(serviceName, count);
    }

    @Override
    public void setIpv6Address(String serviceName, String address) {
        check();
        ServiceRequest r = services.get(serviceName);
        Map<String, String> env = new HashMap<>(r.env());
        env.put(Ipv6Plan.ADDRESS_ENV, address);
        Map<String, String> labels = new HashMap<>(r.labels());
        labels.put(Ipv6Plan.SERVICE_ADDRESS_LABEL, address);
        services.put(serviceName, new ServiceRequest(r.serviceName(), r.image(), labels, env, r.volume(), r.home(),
                r.secrets(), r.network(), r.constraints(), r.memoryBytes(), r.restartDelay(), r.sshPort(),
                r.capabilities(), r.ipv6Network()));
    }

    @Override
    public String nodeId() {
        check();
        return nodeId;
    }

    /** Answers from {@link #running}, reachable or not: only ever asked after {@link #nodeId()}. */
    @Override
    public boolean runsContainerOf(String serviceName) {
        return running.contains(serviceName);
    }

    @Override
    public void removeStoppedContainers(String serviceName) {
        // the fake keeps no stopped containers
    }

    @Override
    public void importVolume(String volume, String image, String home, InputStream tar) {
        check();
        events.add("import " + volume);
        try {
            byte[] data = tar.readAllBytes();
            volumeData.put(volume, truncateImports ? Arrays.copyOf(data, data.length / 2) : data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public VolumeManifest manifest(String volume, String image) {
        check();
        byte[] data = data(volume, "/home/box");
        return new VolumeManifest(data.length == 0 ? 0 : 1, data.length,
                HexFormat.of().formatHex(Arrays.copyOf(data, 32)));
    }

    private byte[] data(String volume, String home) {
        return volumeData.getOrDefault(volume, ("tar of " + volume + " at " + home).getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void removeService(String serviceName) {
        check();
        services.remove(serviceName);
    }

    @Override
    public List<TaskInfo> tasks(String serviceName) {
        check();
        return services.containsKey(serviceName) && replicas.getOrDefault(serviceName, 1) > 0
                ? tasks.apply(services.get(serviceName)) : List.of();
    }

    @Override
    public boolean containersGone(String serviceName) {
        check();
        return !services.containsKey(serviceName);
    }

    @Override
    public void exportVolume(String volume, String image, String home, OutputStream out) {
        check();
        events.add("export " + volume);
        if (exportFailure != null) {
            RuntimeException e = exportFailure;
            exportFailure = null;
            throw e;
        }
        try {
            out.write(data(volume, home));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, Usage> usage(List<String> volumeNames, String image) {
        check();
        Map<String, Usage> result = new HashMap<>();
        volumeNames.stream().filter(usage::containsKey).forEach(v -> result.put(v, usage.get(v)));
        return result;
    }

    @Override
    public Optional<byte[]> readFile(String serviceName, String path) {
        check();
        return Optional.ofNullable(files.get(serviceName + ":" + path));
    }

    /** The secret the service mounts at target, when its container runs here; exec is refused while paused. */
    @Override
    public Optional<byte[]> readSecret(String serviceName, String target) {
        check();
        if (paused.contains(serviceName)) {
            throw MailctlException.operation("Docker refused to read a secret: container is paused");
        }
        String name = running.contains(serviceName) && services.containsKey(serviceName)
                ? mounted(serviceName, target) : null;
        return name == null ? Optional.empty() : Optional.of(secrets.get(name).data().clone());
    }

    @Override
    public void pauseContainerOf(String serviceName) {
        check();
        if (!running.contains(serviceName) || !paused.add(serviceName)) {
            throw MailctlException.operation("no running container of " + serviceName + " on this node");
        }
        events.add("pause " + serviceName);
    }

    @Override
    public void unpauseContainerOf(String serviceName) {
        check();
        if (paused.remove(serviceName)) {
            events.add("unpause " + serviceName);
        }
    }

    @Override
    public void close() {
        closed++;
    }

    public Map<String, String> secretLabels(String name) {
        return secrets.get(name).labels();
    }

    /** The name of the secret a service mounts at target. */
    public String mounted(String serviceName, String target) {
        return services.get(serviceName).secrets().stream().filter(m -> m.target().equals(target))
                .map(SecretMount::secretName).findFirst().orElse(null);
    }

    static String nodeOf(ServiceRequest r) {
        return r.constraints().stream().filter(c -> c.startsWith("node.id==")).map(c -> c.substring(9))
                .findFirst().orElse(null);
    }

    private static AccountService toAccount(ServiceRequest r) {
        return new AccountService(r.labels().get(Labels.ACCOUNT), r.serviceName(), r.labels().get(Labels.DOMAIN),
                nodeOf(r), r.labels().get(Labels.CREATED), r.image(), r.volume(),
                r.secrets().stream().map(SecretMount::secretName).toList(), r.sshPort(),
                r.labels().get(Ipv6Plan.SERVICE_ADDRESS_LABEL));
    }
}
