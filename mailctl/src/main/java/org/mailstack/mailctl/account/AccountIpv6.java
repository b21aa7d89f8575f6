package org.mailstack.mailctl.account;

import java.util.Optional;
import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.Ipv6Plan;
import org.mailstack.mailctl.MailctlException;

/**
 * An account's own IPv6 address when the stack has the routed network {@code mailstack-v6} (ADR 14): derived from
 * the /64 routed to the node it runs on and its name, so it survives restarts; on another node it keeps its
 * interface identifier and takes that node's prefix.
 */
public final class AccountIpv6 {
    private AccountIpv6() {
    }

    /** The address for {@code user} on {@code node}, or empty when the stack runs without IPv6. */
    public static Optional<String> address(Swarm swarm, AccountName user, SwarmNode node) {
        if (!swarm.networkExists(Ipv6Plan.NETWORK)) {
            return Optional.empty();
        }
        if (node.ipv6Prefix() == null || node.ipv6Prefix().isBlank()) {
            throw MailctlException.environment("node " + node.hostname() + " has no IPv6 prefix, and this stack "
                    + "gives every account its own address: label the node with the /64 routed to it (docker node "
                    + "update --label-add " + Ipv6Plan.NODE_PREFIX_LABEL + "=PREFIX/64 " + node.hostname()
                    + "), or choose another node with --node");
        }
        try {
            return Optional.of(Ipv6Plan.text(Ipv6Plan.of(node.ipv6Prefix()).account(user)));
        } catch (IllegalArgumentException e) {
            throw MailctlException.environment("node " + node.hostname() + ", label " + Ipv6Plan.NODE_PREFIX_LABEL
                    + ": " + e.getMessage());
        }
    }
}
