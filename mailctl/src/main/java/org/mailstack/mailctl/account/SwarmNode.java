package org.mailstack.mailctl.account;

/**
 * A node of the swarm as placement sees it.
 *
 * @param arch normalised architecture: {@code amd64}, {@code arm64} or {@code arm} (a node labelled
 *             {@code arch=armhf} is {@code arm} whatever it reports)
 * @param armLabel whether the node carries the label {@code arch=armhf}
 * @param available ready and active (not drained or paused)
 * @param ipv6Prefix the /64 routed to the node (its label {@code org.mailstack.ipv6-prefix}), or null
 */
public record SwarmNode(String id, String hostname, String arch, boolean armLabel, boolean available,
                        String ipv6Prefix) {
    /** A node without a routed IPv6 prefix. */
    public SwarmNode(String id, String hostname, String arch, boolean armLabel, boolean available) {
        this(id, hostname, arch, armLabel, available, null);
    }
}
