package org.mailstack.mailctl.account;

import java.util.Collection;

/**
 * The host ports account containers publish their SSH on (ADR 10): one per account, published in host mode on the
 * account's node, the lowest free one in {@value #FIRST}–{@value #LAST}. "Free" means published by no service of
 * the swarm, so the port of an account does not change when it moves to another node.
 */
public final class SshPorts {
    /** The port sshd listens on inside every user container. */
    public static final int CONTAINER_PORT = 2222;
    public static final int FIRST = 2201;
    public static final int LAST = 2999;
    /** Added to account services so that the entrypoint can set the session firewall; it drops it afterwards. */
    public static final String CAPABILITY = "CAP_NET_ADMIN";

    private SshPorts() {}

    /**
     * @param used host ports already published in the swarm
     * @throws org.mailstack.mailctl.MailctlException (exit 1) when the range is exhausted
     */
    public static int pick(Collection<Integer> used) {
        for (int port = FIRST; port <= LAST; port++) {
            if (!used.contains(port)) {
                return port;
            }
        }
        throw org.mailstack.mailctl.MailctlException.operation("no free SSH port left in " + FIRST + "-" + LAST
                + ": delete unused accounts first");
    }
}
