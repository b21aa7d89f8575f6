package org.mailstack.mailctl.account;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the swarm needs to run one account's container: the adapter turns it into a service spec with a
 * dnsrr endpoint on {@code network}, the volume mounted at {@code home}, and a restart policy "any" with a delay.
 *
 * @param sshPort the host port published in host mode for the container's SSH (2222), or 0 for none
 * @param capabilities Linux capabilities added to the container (the entrypoint needs {@code CAP_NET_ADMIN} to
 *     confine SSH sessions, then drops it; ADR 11)
 * @param ipv6Network a second network carrying the node's routed IPv6 prefix, or null (ADR 14)
 */
public record ServiceRequest(String serviceName, String image, Map<String, String> labels, Map<String, String> env,
                             String volume, String home, List<SecretMount> secrets, String network,
                             List<String> constraints, long memoryBytes, Duration restartDelay, int sshPort,
                             List<String> capabilities, String ipv6Network) {
    public ServiceRequest {
        labels = Map.copyOf(labels);
        env = Map.copyOf(env);
        secrets = List.copyOf(secrets);
        constraints = List.copyOf(constraints);
        capabilities = List.copyOf(capabilities);
    }

    /** A request without IPv6. */
    public ServiceRequest(String serviceName, String image, Map<String, String> labels, Map<String, String> env,
                          String volume, String home, List<SecretMount> secrets, String network,
                          List<String> constraints, long memoryBytes, Duration restartDelay, int sshPort,
                          List<String> capabilities) {
        this(serviceName, image, labels, env, volume, home, secrets, network, constraints, memoryBytes, restartDelay,
                sshPort, capabilities, null);
    }

    /** A request without SSH: no published port, no added capability. */
    public ServiceRequest(String serviceName, String image, Map<String, String> labels, Map<String, String> env,
                          String volume, String home, List<SecretMount> secrets, String network,
                          List<String> constraints, long memoryBytes, Duration restartDelay) {
        this(serviceName, image, labels, env, volume, home, secrets, network, constraints, memoryBytes, restartDelay,
                0, List.of());
    }

    /** The same request with other placement constraints. */
    public ServiceRequest withConstraints(List<String> newConstraints) {
        return new ServiceRequest(serviceName, image, labels, env, volume, home, secrets, network, newConstraints,
                memoryBytes, restartDelay, sshPort, capabilities, ipv6Network);
    }

    /** The same request with its SSH published on another host port. */
    public ServiceRequest withSshPort(int port) {
        return new ServiceRequest(serviceName, image, labels, env, volume, home, secrets, network, constraints,
                memoryBytes, restartDelay, port, capabilities, ipv6Network);
    }
}
