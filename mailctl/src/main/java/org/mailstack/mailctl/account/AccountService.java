package org.mailstack.mailctl.account;

import java.util.List;

/**
 * An account's swarm service as read back from Docker.
 *
 * @param nodeId the node the service is pinned to, or null when it carries no {@code node.id} constraint
 * @param created the creation instant label, or null
 * @param secretNames the Docker secrets the service mounts
 */
public record AccountService(String user, String serviceName, String domain, String nodeId, String created,
                             String image, String volume, List<String> secretNames) {
    public AccountService {
        secretNames = List.copyOf(secretNames);
    }
}
