package org.mailstack.mailctl.account;

/**
 * A node of the swarm as placement sees it.
 *
 * @param arch normalised architecture: {@code amd64}, {@code arm64} or {@code arm} (a node labelled
 *             {@code arch=armhf} is {@code arm} whatever it reports)
 * @param armLabel whether the node carries the label {@code arch=armhf}
 * @param available ready and active (not drained or paused)
 */
public record SwarmNode(String id, String hostname, String arch, boolean armLabel, boolean available) {
}
