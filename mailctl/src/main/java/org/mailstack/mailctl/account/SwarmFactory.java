package org.mailstack.mailctl.account;

/** Opens the connection to the swarm manager; the CLI gets the real one, tests a fake. */
@FunctionalInterface
public interface SwarmFactory {
    /** @param dockerHost a Docker endpoint such as {@code unix:///var/run/docker.sock}, or null for the default */
    Swarm open(String dockerHost);
}
