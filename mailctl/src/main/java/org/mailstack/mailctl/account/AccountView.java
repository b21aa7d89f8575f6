package org.mailstack.mailctl.account;

/**
 * One account as {@code list} and {@code show} print it. Fields unknown here are null: the node of a task not yet
 * scheduled, the health of a container on another node, the usage of a volume on another node, the SSH port of an
 * account created before SSH was published.
 *
 * @param image the user-container image the service runs
 * @param imageCurrent whether that is the stack's current image ({@code mailctl upgrade} moves it there otherwise)
 */
public record AccountView(String user, String address, String service, String node, String arch, String state,
                          String health, Long maildirBytes, Long messages, String created, Integer sshPort,
                          String image, boolean imageCurrent) {
}
