package org.mailstack.mailctl.account;

import java.time.Instant;

/**
 * An account's home saved by a backup, which {@link AccountCreator#create} puts into the new volume before the
 * service starts, and the settings it had.
 *
 * @param created when the account was first created: its objects keep that label
 * @param sshPort the host port its SSH had, kept when still free; 0 for the lowest free one
 * @param node the Docker endpoint of the node the account goes on, where its volume is made and filled
 * @param filling writes the saved home into the (new or empty) volume
 */
public record SavedHome(Instant created, int sshPort, Swarm node, Filling filling) {

    /** Fills {@code volume} on {@code node} with the saved home, through a helper container of {@code image}. */
    @FunctionalInterface
    public interface Filling {
        void fill(Swarm node, String volume, String image, String home);
    }
}
