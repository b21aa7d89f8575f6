package org.mailstack.mailctl.account;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the swarm needs to run one account's container: the adapter turns it into a service spec with a
 * dnsrr endpoint on {@code network}, the volume mounted at {@code home}, and a restart policy "any" with a delay.
 */
public record ServiceRequest(String serviceName, String image, Map<String, String> labels, Map<String, String> env,
                             String volume, String home, List<SecretMount> secrets, String network,
                             List<String> constraints, long memoryBytes, Duration restartDelay) {
    public ServiceRequest {
        labels = Map.copyOf(labels);
        env = Map.copyOf(env);
        secrets = List.copyOf(secrets);
        constraints = List.copyOf(constraints);
    }
}
