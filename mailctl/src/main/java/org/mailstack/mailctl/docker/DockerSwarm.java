package org.mailstack.mailctl.docker;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.Ipv6Plan;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.account.AccountNaming;
import org.mailstack.mailctl.account.AccountService;
import org.mailstack.mailctl.account.Labels;
import org.mailstack.mailctl.account.NameTakenException;
import org.mailstack.mailctl.account.Placement;
import org.mailstack.mailctl.account.ServiceRequest;
import org.mailstack.mailctl.account.SshPorts;
import org.mailstack.mailctl.account.Swarm;
import org.mailstack.mailctl.account.SwarmNode;
import org.mailstack.mailctl.account.TaskInfo;
import org.mailstack.mailctl.account.Usage;
import org.mailstack.mailctl.account.VolumeManifest;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.Secret;
import com.github.dockerjava.api.model.SecretSpec;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.SwarmNodeAvailability;
import com.github.dockerjava.api.model.SwarmNodeState;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskSpec;

/** {@link Swarm} on a Docker Swarm manager through docker-java (Engine API 1.41). */
public final class DockerSwarm implements Swarm {
    private final DockerCalls docker;
    private final DockerClient client;
    private final HelperContainers helpers;
    private final RunningContainers containers;

    private DockerSwarm(DockerCalls docker) {
        this.docker = docker;
        this.client = docker.client();
        this.helpers = new HelperContainers(docker);
        this.containers = new RunningContainers(docker, helpers);
    }

    public static Swarm connect(String dockerHost) {
        return new DockerSwarm(DockerCalls.connect(dockerHost));
    }

    @Override
    public void requireManager() {
        Info info = docker.call("report its state", () -> client.infoCmd().exec());
        if (info.getSwarm() == null || info.getSwarm().getLocalNodeState() != LocalNodeState.ACTIVE) {
            throw MailctlException.environment("this Docker engine is not part of a swarm: run ./mailstack setup"
                    + " (docker swarm init), or pass --docker-host of a swarm manager");
        }
        if (!Boolean.TRUE.equals(info.getSwarm().getControlAvailable())) {
            throw MailctlException.environment("this node is a swarm worker, not a manager: run mailctl on a"
                    + " manager node or pass --docker-host of one");
        }
    }

    @Override
    public boolean networkExists(String name) {
        return docker.call("list networks", () -> client.listNetworksCmd().withNameFilter(name).exec().stream()
                .anyMatch(n -> name.equals(n.getName())));
    }

    @Override
    public boolean secretExists(String name) {
        return secretId(name).isPresent();
    }

    @Override
    public List<SwarmNode> nodes() {
        return docker.call("list nodes", () -> client.listSwarmNodesCmd().exec()).stream().map(n -> {
            Map<String, String> labels = n.getSpec() == null || n.getSpec().getLabels() == null
                    ? Map.of() : n.getSpec().getLabels();
            boolean armLabel = "armhf".equals(labels.get("arch"));
            String reported = n.getDescription() == null || n.getDescription().getPlatform() == null
                    ? null : n.getDescription().getPlatform().getArchitecture();
            String hostname = n.getDescription() == null ? n.getId() : n.getDescription().getHostname();
            boolean ready = n.getStatus() != null && n.getStatus().getState() == SwarmNodeState.READY;
            boolean active = n.getSpec() != null && n.getSpec().getAvailability() == SwarmNodeAvailability.ACTIVE;
            return new SwarmNode(n.getId(), hostname, armLabel ? "arm" : Placement.normaliseArch(reported),
                    armLabel, ready && active, labels.get(Ipv6Plan.NODE_PREFIX_LABEL));
        }).toList();
    }

    @Override
    public Optional<String> imageArchitecture(String image) {
        return docker.call("inspect image " + image, () -> {
            try {
                return Optional.of(Placement.normaliseArch(client.inspectImageCmd(image).exec().getArch()));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public List<AccountService> accountServices() {
        return docker.call("list services", () -> client.listServicesCmd().exec()).stream()
                .map(SpecMapper::toAccount).flatMap(Optional::stream).toList();
    }

    @Override
    public Optional<AccountService> accountService(AccountName user) {
        String name = AccountNaming.serviceName(user);
        return docker.call("list services", () -> client.listServicesCmd().withNameFilter(List.of(name)).exec())
                .stream()
                .filter(s -> s.getSpec() != null && name.equals(s.getSpec().getName()))
                .map(SpecMapper::toAccount).flatMap(Optional::stream)
                .filter(a -> a.user().equals(user.value()))
                .findFirst();
    }

    @Override
    public Set<Integer> publishedPorts() {
        return docker.call("list services", () -> client.listServicesCmd().exec()).stream()
                .flatMap(service -> SpecMapper.publishedPorts(service.getSpec()).stream())
                .collect(Collectors.toSet());
    }

    @Override
    public boolean volumeExists(String name) {
        return docker.call("inspect volume " + name, () -> {
            try {
                client.inspectVolumeCmd(name).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
    }

    @Override
    public void createVolume(String name, Map<String, String> labels) {
        docker.run("create volume " + name,
                () -> client.createVolumeCmd().withName(name).withDriver("local").withLabels(labels).exec());
    }

    @Override
    public boolean removeVolume(String name) {
        return docker.call("remove volume " + name, () -> {
            try {
                client.removeVolumeCmd(name).exec();
                return true;
            } catch (NotFoundException e) {
                return true;
            } catch (ConflictException e) {
                return false;
            }
        });
    }

    @Override
    public void createSecret(String name, byte[] data, Map<String, String> labels) {
        docker.run("create secret " + name, () -> {
            try {
                client.createSecretCmd(new SecretSpec().withName(name).withLabels(labels)
                        .withData(new String(data, StandardCharsets.UTF_8))).exec();
            } catch (ConflictException e) {
                throw new NameTakenException("a secret named " + name + " exists already");
            }
        });
    }

    @Override
    public List<String> accountSecrets(AccountName user, String role) {
        Map<String, String> filter = new HashMap<>();
        filter.put(Labels.ACCOUNT, user.value());
        if (role != null) {
            filter.put(Labels.ROLE, role);
        }
        return docker.call("list secrets", () -> client.listSecretsCmd().withLabelFilter(filter).exec()).stream()
                .filter(s -> s.getSpec() != null && s.getSpec().getLabels() != null
                        && user.value().equals(s.getSpec().getLabels().get(Labels.ACCOUNT))
                        && (role == null || role.equals(s.getSpec().getLabels().get(Labels.ROLE))))
                .map(s -> s.getSpec().getName())
                .sorted().toList();
    }

    @Override
    public boolean removeSecret(String name) {
        Optional<String> id = secretId(name);
        if (id.isEmpty()) {
            return true;
        }
        return docker.call("remove secret " + name, () -> {
            try {
                client.removeSecretCmd(id.get()).exec();
                return true;
            } catch (NotFoundException e) {
                return true;
            } catch (DockerException e) {
                if (e.getHttpStatus() == 400 || e.getHttpStatus() == 409 || inUse(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public void createService(ServiceRequest request) {
        ServiceSpec spec = SpecMapper.toSpec(request, name -> secretId(name).orElseThrow(() ->
                MailctlException.operation("secret " + name + " vanished while creating " + request.serviceName())));
        docker.run("create service " + request.serviceName(), () -> {
            try {
                client.createServiceCmd(spec).exec();
            } catch (ConflictException e) {
                throw new NameTakenException("service " + request.serviceName() + " exists already");
            } catch (DockerException e) {
                String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
                if (m.contains("already exists") || m.contains("name conflicts")) {
                    throw new NameTakenException("service " + request.serviceName() + " exists already");
                }
                throw e;
            }
        });
    }

    @Override
    public void replaceSecret(String serviceName, String target, String newSecretName) {
        Map<String, ContainerSpecSecret> mounts = secretMounts(Map.of(target, newSecretName));
        update(serviceName, spec -> mountSecrets(spec, mounts));
    }

    @Override
    public void updateAccount(String serviceName, String image, Map<String, String> secretsByTarget) {
        Map<String, ContainerSpecSecret> mounts = secretMounts(secretsByTarget);
        update(serviceName, spec -> {
            mountSecrets(spec, mounts);
            spec.getTaskTemplate().getContainerSpec().withImage(image);
        });
    }

    /** The mounts for the given secrets by target, each secret looked up by name. */
    private Map<String, ContainerSpecSecret> secretMounts(Map<String, String> secretsByTarget) {
        Map<String, ContainerSpecSecret> mounts = new HashMap<>();
        secretsByTarget.forEach((target, name) -> mounts.put(target, SpecMapper.secret(name, secretId(name)
                .orElseThrow(() -> MailctlException.operation("secret " + name + " vanished")), target)));
        return mounts;
    }

    /** Replaces the secrets mounted at the targets of {@code mounts}; the others stay. */
    private static void mountSecrets(ServiceSpec spec, Map<String, ContainerSpecSecret> mounts) {
        ContainerSpec container = spec.getTaskTemplate().getContainerSpec();
        List<ContainerSpecSecret> secrets = new ArrayList<>();
        if (container.getSecrets() != null) {
            container.getSecrets().stream()
                    .filter(s -> s.getFile() == null || !mounts.containsKey(s.getFile().getName()))
                    .forEach(secrets::add);
        }
        secrets.addAll(mounts.values());
        container.withSecrets(secrets);
    }

    @Override
    public String pinImage(String image) {
        int slash = image.indexOf('/');
        String first = slash < 0 ? "" : image.substring(0, slash);
        if (image.contains("@") || first.contains(".") || first.contains(":") || first.equals("localhost")) {
            return image; // a registry's reference: every node pulls it by that name
        }
        int colon = image.lastIndexOf(':');
        String repository = colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
        return docker.call("tag image " + image, () -> {
            String id;
            try {
                id = client.inspectImageCmd(image).exec().getId();
            } catch (NotFoundException e) {
                return image;
            }
            String tag = "build-" + id.replaceFirst("^sha256:", "").substring(0, 16);
            client.tagImageCmd(id, repository, tag).exec();
            return repository + ":" + tag;
        });
    }

    @Override
    public void moveSshPort(String serviceName, int port) {
        update(serviceName, spec -> spec.withEndpointSpec(SpecMapper.withSshPort(spec.getEndpointSpec(), port)));
    }

    @Override
    public List<String> servicesPublishing(int port) {
        return docker.call("list services", () -> client.listServicesCmd().exec()).stream()
                .filter(s -> SpecMapper.publishedPorts(s.getSpec()).contains(port))
                .map(s -> s.getSpec().getName()).sorted().toList();
    }

    private static final int UPDATE_ATTEMPTS = 5;

    /**
     * Reads the service's spec, lets {@code change} modify it, and writes it back at the version read (a concurrent
     * update makes Docker refuse). docker-java reads no {@code CapabilityAdd}: the one an account with SSH was
     * created with is put back, or the update would silently remove it. The swarm itself bumps a new service's
     * version (when it allocates the endpoint), so a refusal "update out of sequence" is read again and retried a
     * few times.
     */
    private void update(String serviceName, Consumer<ServiceSpec> change) {
        docker.run("update service " + serviceName, () -> {
            for (int attempt = 1; ; attempt++) {
                Service service = client.inspectServiceCmd(serviceName).exec();
                ServiceSpec spec = service.getSpec();
                change.accept(spec);
                List<String> capabilities = SpecMapper.publishedPorts(spec).isEmpty() ? List.of()
                        : List.of(SshPorts.CAPABILITY);
                spec.getTaskTemplate().withContainerSpec(
                        CapableContainerSpec.copyOf(spec.getTaskTemplate().getContainerSpec(), capabilities));
                try {
                    client.updateServiceCmd(service.getId(), spec).withVersion(service.getVersion().getIndex()).exec();
                    return;
                } catch (DockerException e) {
                    if (attempt >= UPDATE_ATTEMPTS || !outOfSequence(e)) {
                        throw e;
                    }
                    try {
                        Thread.sleep(100L * attempt);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        });
    }

    private static boolean outOfSequence(DockerException e) {
        return e.getMessage() != null && e.getMessage().contains("update out of sequence");
    }

    @Override
    public void scaleService(String serviceName, int replicas) {
        update(serviceName, spec -> replicated(spec).withReplicas(replicas));
    }

    @Override
    public void pinService(String serviceName, List<String> constraints, int replicas) {
        update(serviceName, spec -> {
            TaskSpec task = spec.getTaskTemplate();
            ServicePlacement placement = task.getPlacement() == null ? new ServicePlacement() : task.getPlacement();
            task.withPlacement(placement.withConstraints(List.copyOf(constraints)));
            replicated(spec).withReplicas(replicas);
        });
    }

    @Override
    public void setIpv6Address(String serviceName, String address) {
        update(serviceName, spec -> {
            ContainerSpec container = spec.getTaskTemplate().getContainerSpec();
            List<String> env = new ArrayList<>(container.getEnv() == null ? List.of() : container.getEnv());
            env.removeIf(e -> e.startsWith(Ipv6Plan.ADDRESS_ENV + "="));
            env.add(Ipv6Plan.ADDRESS_ENV + "=" + address);
            container.withEnv(env);
            Map<String, String> labels = new HashMap<>(spec.getLabels() == null ? Map.of() : spec.getLabels());
            labels.put(Ipv6Plan.SERVICE_ADDRESS_LABEL, address);
            spec.withLabels(labels);
        });
    }

    private static ServiceReplicatedModeOptions replicated(ServiceSpec spec) {
        if (spec.getMode() == null || spec.getMode().getReplicated() == null) {
            throw MailctlException.operation(spec.getName() + " is not a replicated service; it is not an account"
                    + " service as mailctl creates them");
        }
        return spec.getMode().getReplicated();
    }

    @Override
    public String nodeId() {
        Info info = docker.call("report its state", () -> client.infoCmd().exec());
        if (info.getSwarm() == null || info.getSwarm().getNodeID() == null || info.getSwarm().getNodeID().isBlank()) {
            throw MailctlException.environment("this Docker engine is not a node of a swarm");
        }
        return info.getSwarm().getNodeID();
    }

    @Override
    public boolean runsContainerOf(String serviceName) {
        return !helpers.containersOf(serviceName, true).isEmpty();
    }

    @Override
    public void removeStoppedContainers(String serviceName) {
        helpers.removeStopped(serviceName);
    }

    @Override
    public void removeService(String serviceName) {
        docker.run("remove service " + serviceName, () -> {
            try {
                client.removeServiceCmd(serviceName).exec();
            } catch (NotFoundException e) {
                // already gone
            }
        });
    }

    @Override
    public List<TaskInfo> tasks(String serviceName) {
        List<Task> tasks = docker.call("list tasks of " + serviceName, () -> {
            try {
                return client.listTasksCmd().withServiceFilter(serviceName).exec();
            } catch (NotFoundException e) {
                return List.<Task>of();
            }
        });
        return tasks.stream()
                .sorted(Comparator.comparing((Task t) -> String.valueOf(t.getCreatedAt())).reversed())
                .map(this::toTaskInfo)
                .toList();
    }

    private TaskInfo toTaskInfo(Task t) {
        String state = t.getStatus() == null || t.getStatus().getState() == null ? "unknown"
                : t.getStatus().getState().getValue();
        String containerId = t.getStatus() == null || t.getStatus().getContainerStatus() == null ? null
                : t.getStatus().getContainerStatus().getContainerID();
        String health = "running".equals(state) && containerId != null ? localHealth(containerId) : null;
        return new TaskInfo(t.getId(), t.getNodeId(), state,
                t.getDesiredState() == null ? null : t.getDesiredState().getValue(),
                t.getStatus() == null ? null : t.getStatus().getErr(), health,
                t.getStatus() == null ? null : t.getStatus().getTimestamp());
    }

    /** The health of a container on this node; null if it runs elsewhere or has no HEALTHCHECK. */
    private String localHealth(String containerId) {
        return docker.call("inspect container", () -> {
            try {
                InspectContainerResponse.ContainerState s = client.inspectContainerCmd(containerId).exec().getState();
                return s == null || s.getHealth() == null ? null : s.getHealth().getStatus();
            } catch (NotFoundException e) {
                return null;
            }
        });
    }

    @Override
    public boolean containersGone(String serviceName) {
        return helpers.containersOf(serviceName, false).isEmpty();
    }

    @Override
    public void exportVolume(String volume, String image, String home, OutputStream out) {
        helpers.export(volume, image, home, out);
    }

    @Override
    public void importVolume(String volume, String image, String home, InputStream tar) {
        helpers.importTar(volume, image, home, tar);
    }

    @Override
    public VolumeManifest manifest(String volume, String image) {
        return helpers.manifest(volume, image);
    }

    @Override
    public Map<String, Usage> usage(List<String> volumes, String image) {
        List<String> local = volumes.stream().filter(this::volumeExists).toList();
        return local.isEmpty() ? Map.of() : helpers.usage(local, image);
    }

    @Override
    public Optional<String> serviceLabel(String serviceName, String label) {
        return docker.call("inspect service " + serviceName, () -> {
            try {
                ServiceSpec spec = client.inspectServiceCmd(serviceName).exec().getSpec();
                return Optional.ofNullable(spec == null || spec.getLabels() == null ? null
                        : spec.getLabels().get(label));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<byte[]> readFile(String serviceName, String path) {
        return helpers.readFile(serviceName, path);
    }

    @Override
    public Optional<byte[]> readSecret(String serviceName, String target) {
        return containers.readSecret(serviceName, target);
    }

    @Override
    public void pauseContainerOf(String serviceName) {
        containers.pause(serviceName);
    }

    @Override
    public void unpauseContainerOf(String serviceName) {
        containers.unpause(serviceName);
    }

    private Optional<String> secretId(String name) {
        return docker.call("list secrets", () -> client.listSecretsCmd().withNameFilter(List.of(name)).exec())
                .stream()
                .filter(s -> s.getSpec() != null && name.equals(s.getSpec().getName()))
                .map(Secret::getId)
                .findFirst();
    }

    private static boolean inUse(DockerException e) {
        return String.valueOf(e.getMessage()).contains("in use");
    }

    @Override
    public void close() {
        docker.close();
    }
}
