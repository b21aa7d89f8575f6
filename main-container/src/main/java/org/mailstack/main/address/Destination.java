package org.mailstack.main.address;

/** Where a recipient's mail goes: a local account's container, or another domain's MX. */
public sealed interface Destination permits Destination.Local, Destination.Remote {

    /** The address this destination was derived from, normalised (lower-case domain). */
    String address();

    /** {@code box@<user>.<domain>}: delivered to {@code user}'s container. */
    record Local(String address, String user) implements Destination {
    }

    /** An address in another domain: delivered by MX lookup or the smarthost, only for authenticated clients. */
    record Remote(String address, String domain) implements Destination {
    }
}
