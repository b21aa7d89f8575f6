package org.mailstack.mailctl.docker;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ContainerSpecFile;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.VolumeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.mailstack.core.account.Ipv6Plan;
import org.mailstack.mailctl.account.AccountService;
import org.mailstack.mailctl.account.Labels;
import org.mailstack.mailctl.account.SecretMount;
import org.mailstack.mailctl.account.ServiceRequest;
import org.mailstack.mailctl.account.SshPorts;

/** Converts between the project's service types and docker-java's mutable spec objects. */
final class SpecMapper {
    /**
     * Secrets are files only root can read: the container's entrypoint hands the mail process copies, and the
     * owner's SSH sessions (user box) cannot read them (ADR 11).
     */
    static final String OWNER_UID = "0";
    static final long SECRET_MODE = 0400;
    private static final String NODE_ID = "node.id==";

    private SpecMapper() {}

    static ServiceSpec toSpec(ServiceRequest r, Function<String, String> secretId) {
        List<String> env = r.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
        List<ContainerSpecSecret> secrets = new ArrayList<>();
        for (SecretMount m : r.secrets()) {
            secrets.add(secret(m.secretName(), secretId.apply(m.secretName()), m.target()));
        }
        ContainerSpec container = new CapableContainerSpec().withCapabilityAdd(r.capabilities())
                .withImage(r.image())
                .withEnv(env)
                .withLabels(r.labels())
                // On a node without the volume, Docker creates it with these labels when the task starts.
                .withMounts(List.of(new Mount().withType(MountType.VOLUME).withSource(r.volume())
                        .withTarget(r.home()).withVolumeOptions(new VolumeOptions().withLabels(r.labels()))))
                .withSecrets(secrets);
        TaskSpec task = new TaskSpec()
                .withContainerSpec(container)
                .withResources(new ResourceRequirements()
                        .withLimits(new ResourceSpecs().withMemoryBytes(r.memoryBytes())))
                .withRestartPolicy(new ServiceRestartPolicy()
                        .withCondition(ServiceRestartCondition.ANY)
                        .withDelay(r.restartDelay().toNanos()))
                .withPlacement(new ServicePlacement().withConstraints(r.constraints()))
                .withNetworks(networks(r));
        return new ServiceSpec()
                .withName(r.serviceName())
                .withLabels(r.labels())
                .withTaskTemplate(task)
                .withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(1)))
                // No IPVS on the target kernels: a virtual IP would be unreachable, DNS round robin is not.
                .withEndpointSpec(new EndpointSpec().withMode(EndpointResolutionMode.DNSRR).withPorts(ports(r)));
    }

    /** The mail network, and the routed IPv6 network when there is one (it then gives the default routes). */
    private static List<NetworkAttachmentConfig> networks(ServiceRequest r) {
        List<NetworkAttachmentConfig> networks = new ArrayList<>();
        networks.add(new NetworkAttachmentConfig().withTarget(r.network()));
        if (r.ipv6Network() != null) {
            networks.add(new NetworkAttachmentConfig().withTarget(r.ipv6Network()));
        }
        return networks;
    }

    /** SSH published in host mode (no IPVS here; and sshd sees the client's address for its throttling). */
    private static List<PortConfig> ports(ServiceRequest r) {
        if (r.sshPort() == 0) {
            return List.of();
        }
        return List.of(sshPortConfig(r.sshPort()));
    }

    private static PortConfig sshPortConfig(int port) {
        return new PortConfig().withName("ssh").withProtocol(PortConfigProtocol.TCP)
                .withTargetPort(SshPorts.CONTAINER_PORT).withPublishedPort(port)
                .withPublishMode(PortConfig.PublishMode.host);
    }

    /** The endpoint with its SSH port replaced by {@code port} (other ports kept). */
    static EndpointSpec withSshPort(EndpointSpec endpoint, int port) {
        List<PortConfig> ports = new ArrayList<>();
        if (endpoint != null && endpoint.getPorts() != null) {
            endpoint.getPorts().stream().filter(p -> p.getTargetPort() != SshPorts.CONTAINER_PORT).forEach(ports::add);
        }
        ports.add(sshPortConfig(port));
        EndpointSpec result = endpoint == null ? new EndpointSpec().withMode(EndpointResolutionMode.DNSRR) : endpoint;
        return result.withPorts(ports);
    }

    /** Host ports the spec publishes. */
    static List<Integer> publishedPorts(ServiceSpec spec) {
        if (spec == null || spec.getEndpointSpec() == null || spec.getEndpointSpec().getPorts() == null) {
            return List.of();
        }
        return spec.getEndpointSpec().getPorts().stream().map(PortConfig::getPublishedPort)
                .filter(p -> p > 0).toList();
    }

    private static int sshPort(ServiceSpec spec) {
        if (spec.getEndpointSpec() == null || spec.getEndpointSpec().getPorts() == null) {
            return 0;
        }
        return spec.getEndpointSpec().getPorts().stream()
                .filter(p -> p.getTargetPort() == SshPorts.CONTAINER_PORT && p.getPublishedPort() > 0)
                .map(PortConfig::getPublishedPort).findFirst().orElse(0);
    }

    static ContainerSpecSecret secret(String name, String id, String target) {
        return new ContainerSpecSecret().withSecretName(name).withSecretId(id)
                .withFile(new ContainerSpecFile().withName(target).withUid(OWNER_UID).withGid(OWNER_UID)
                        .withMode(SECRET_MODE));
    }

    /** The account view of a service, or empty if it carries no account label. */
    static Optional<AccountService> toAccount(Service service) {
        ServiceSpec spec = service.getSpec();
        Map<String, String> labels = spec == null || spec.getLabels() == null ? Map.of() : spec.getLabels();
        String user = labels.get(Labels.ACCOUNT);
        if (user == null) {
            return Optional.empty();
        }
        TaskSpec task = spec.getTaskTemplate();
        ContainerSpec container = task == null ? null : task.getContainerSpec();
        String nodeId = null;
        if (task != null && task.getPlacement() != null && task.getPlacement().getConstraints() != null) {
            nodeId = task.getPlacement().getConstraints().stream()
                    .filter(c -> c.replace(" ", "").startsWith(NODE_ID))
                    .map(c -> c.replace(" ", "").substring(NODE_ID.length()))
                    .findFirst().orElse(null);
        }
        String image = container == null ? null : stripDigest(container.getImage());
        String volume = container == null || container.getMounts() == null ? null : container.getMounts().stream()
                .filter(m -> m.getType() == MountType.VOLUME).map(Mount::getSource).findFirst().orElse(null);
        List<String> secrets = container == null || container.getSecrets() == null ? List.of()
                : container.getSecrets().stream().map(ContainerSpecSecret::getSecretName).toList();
        return Optional.of(new AccountService(user, spec.getName(), labels.get(Labels.DOMAIN), nodeId,
                labels.get(Labels.CREATED), image, volume, secrets, sshPort(spec),
                labels.get(Ipv6Plan.SERVICE_ADDRESS_LABEL)));
    }

    private static String stripDigest(String image) {
        if (image == null) {
            return null;
        }
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }
}
