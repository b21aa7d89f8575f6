package org.mailstack.mailctl.account;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailstack.mailctl.MailctlException;

/**
 * Chooses the node of a new account: the available node able to run the image's architecture that holds the fewest
 * account services (new load goes to the least-used machine), or the node the administrator named.
 *
 * <p>Volumes are local to a node, so every account service is pinned to its node with a {@code node.id} constraint;
 * an arm placement also carries an explicit arch constraint, because the swarm may drop the architecture of arm
 * entries from a service's platform list and place an arm-only image on an amd64 node.
 */
public final class Placement {

    /** The chosen node and the constraints that keep the service there. */
    public record Choice(SwarmNode node, List<String> constraints) {
    }

    private Placement() {}

    public static Choice choose(List<SwarmNode> nodes, List<AccountService> services, String imageArch,
                                String requestedNode) {
        Map<String, Integer> load = new HashMap<>();
        for (AccountService s : services) {
            if (s.nodeId() != null) {
                load.merge(s.nodeId(), 1, Integer::sum);
            }
        }
        SwarmNode node;
        if (requestedNode != null) {
            node = requested(nodes, imageArch, requestedNode);
        } else {
            node = nodes.stream()
                    .filter(SwarmNode::available)
                    .filter(n -> n.arch().equals(imageArch))
                    .min(Comparator.<SwarmNode>comparingInt(n -> load.getOrDefault(n.id(), 0))
                            .thenComparing(SwarmNode::hostname)
                            .thenComparing(SwarmNode::id))
                    .orElseThrow(() -> MailctlException.operation("no ready, active node can run " + imageArch
                            + " images; add one (arm nodes: docker node update --label-add arch=armhf NODE)"));
        }
        return new Choice(node, pin(node));
    }

    /** The constraints that keep an account service on {@code node} (and, on arm, off amd64 nodes). */
    public static List<String> pin(SwarmNode node) {
        List<String> constraints = new ArrayList<>();
        constraints.add("node.id==" + node.id());
        if (node.arch().equals("arm")) {
            constraints.add(node.armLabel() ? "node.labels.arch==armhf" : "node.platform.arch!=x86_64");
        }
        return constraints;
    }

    /** The node named by id or hostname. */
    public static SwarmNode named(List<SwarmNode> nodes, String name) {
        return nodes.stream()
                .filter(n -> n.id().equals(name) || n.hostname().equals(name))
                .findFirst()
                .orElseThrow(() -> MailctlException.operation("no node '" + AccountNaming.printable(name)
                        + "' in the swarm; see docker node ls"));
    }

    private static SwarmNode requested(List<SwarmNode> nodes, String imageArch, String requested) {
        SwarmNode node = named(nodes, requested);
        if (!node.available()) {
            throw MailctlException.operation("node " + node.hostname() + " is not ready and active");
        }
        if (!node.arch().equals(imageArch)) {
            throw MailctlException.operation("node " + node.hostname() + " is " + node.arch()
                    + " but the image is " + imageArch);
        }
        return node;
    }

    /** Normalises an architecture as nodes ({@code x86_64}, {@code armv7l}) and images ({@code amd64}) name it. */
    public static String normaliseArch(String arch) {
        if (arch == null) {
            return "unknown";
        }
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "arm", "armv7l", "armv7", "armhf", "armv6l" -> "arm";
            default -> arch;
        };
    }
}
