package org.mailstack.mailctl.account;

import java.util.List;

/**
 * An account's swarm service as read back from Docker.
 *
 * @param nodeId the node the service is pinned to, or null when it carries no {@code node.id} constraint
 * @param created the creation instant label, or null
 * @param secretNames the Docker secrets the service mounts
 * @param sshPort the host port its SSH is published on, or 0 when it has none
 * @param ipv6 its own routed IPv6 address (label {@code org.mailstack.ipv6}), or null
 */
public record AccountService(String user, String serviceName, String domain, String nodeId, String created,
                             String image, String volume, List<String> secretNames, int sshPort, String ipv6) {
    public AccountService {
        secretNames = List.copyOf(secretNames);
    }

    /** A service without an IPv6 address of its own. */
    public AccountService(String user, String serviceName, String domain, String nodeId, String created,
                          String image, String volume, List<String> secretNames, int sshPort) {
        this(user, serviceName, domain, nodeId, created, image, volume, secretNames, sshPort, null);
    }

    /** A service without a published SSH port. */
    public AccountService(String user, String serviceName, String domain, String nodeId, String created,
                          String image, String volume, List<String> secretNames) {
        this(user, serviceName, domain, nodeId, created, image, volume, secretNames, 0);
    }
}
