package org.mailstack.main.address;

import org.mailstack.core.account.AccountName;

/** Where a recipient's mail goes: a local account's container, or another domain's MX. */
public sealed interface Destination permits Destination.Local, Destination.Remote {

    /** The address this destination was derived from, normalised (lower-case domain). */
    String address();

    /** The hop the queue sends this recipient's mail to; recipients with the same hop share one queue entry. */
    NextHop nextHop();

    /** {@code box@<user>.<domain>}: delivered to {@code user}'s container. */
    record Local(String address, AccountName user) implements Destination {
        @Override
        public NextHop.Local nextHop() {
            return new NextHop.Local(user);
        }
    }

    /** An address in another domain: delivered by MX lookup or the smarthost, only for authenticated clients. */
    record Remote(String address, String domain) implements Destination {
        @Override
        public NextHop.Remote nextHop() {
            return new NextHop.Remote(domain);
        }
    }
}
