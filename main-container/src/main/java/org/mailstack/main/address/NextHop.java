package org.mailstack.main.address;

import org.mailstack.core.account.AccountName;

/**
 * The next hop of a queue entry: one account's container, or one remote domain (ADR 9: one spool entry per next
 * hop). Passed as this type from the RCPT to the transport; only the spool's envelope file holds it as text
 * ({@link #toString()}, read back by {@link #parse}).
 */
public sealed interface NextHop permits NextHop.Local, NextHop.Remote {

    /** The label of the delivery metrics: {@code local} or {@code remote}. */
    default String kind() {
        return this instanceof Local ? "local" : "remote";
    }

    /** The container of an account; as text (the spool's) {@code local:<account>}. */
    record Local(AccountName account) implements NextHop {
        @Override
        public String toString() {
            return "local:" + account.value();
        }
    }

    /** The MX (or the smarthost) of another domain, lower case; as text {@code remote:<domain>}. */
    record Remote(String domain) implements NextHop {
        @Override
        public String toString() {
            return "remote:" + domain;
        }
    }

    /**
     * Reads the text {@link #toString()} wrote ({@code local:alice}, {@code remote:example.org}).
     *
     * @throws IllegalArgumentException for any other text, or an account name that is not valid
     */
    static NextHop parse(String text) {
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon);
        String target = text.substring(colon + 1);
        return switch (kind) {
            case "local" -> new Local(AccountName.of(target));
            case "remote" -> {
                if (target.isEmpty()) {
                    throw new IllegalArgumentException("empty domain in next hop " + text);
                }
                yield new Remote(target);
            }
            default -> throw new IllegalArgumentException("unknown next hop " + text);
        };
    }
}
