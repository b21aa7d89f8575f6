package org.mailstack.mailctl.account;

import java.util.Collection;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

import org.mailstack.mailctl.MailctlException;

/**
 * The host ports account containers publish their SSH on (ADR 11): one per account, published in host mode on the
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
        throw exhausted();
    }

    /** {@code preferred} when it is in the range and free (a restored account keeps its port), else {@link #pick}. */
    public static int pick(Collection<Integer> used, int preferred) {
        return preferred >= FIRST && preferred <= LAST && !used.contains(preferred) ? preferred : pick(used);
    }

    /**
     * A free port chosen at random: after two concurrent creates picked the same lowest port, the one that moves
     * should not collide again with the next mover.
     */
    public static int pickAny(Collection<Integer> used, RandomGenerator random) {
        List<Integer> free = IntStream.rangeClosed(FIRST, LAST).filter(p -> !used.contains(p)).boxed().toList();
        if (free.isEmpty()) {
            throw exhausted();
        }
        return free.get(random.nextInt(free.size()));
    }

    private static MailctlException exhausted() {
        return MailctlException.operation("no free SSH port left in " + FIRST + "-" + LAST
                + ": delete unused accounts first");
    }
}
