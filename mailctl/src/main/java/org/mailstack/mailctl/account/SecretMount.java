package org.mailstack.mailctl.account;

/** A Docker secret mounted at {@code /run/secrets/<target>}, readable only by the container's user. */
public record SecretMount(String secretName, String target) {
}
