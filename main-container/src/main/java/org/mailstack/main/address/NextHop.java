package org.mailstack.main.address;

import java.util.Objects;

import org.mailstack.core.account.AccountName;

/**
 * The next hop of a queue entry: one account's container, or one remote domain (ADR 9: one spool entry per next
 * hop). Passed as this type from the RCPT to the transport; only the spool's envelope file holds it as text
 * ({@link #toString()}, read back by {@link #parse}).
 */
public sealed interface NextHop permits NextHop.Local, NextHop.Remote {

    /** The label of the delivery metrics: {@code local} or {@code remote}. */
    String kind();

    /** The container of an account. */
    record Local(AccountName account) implements NextHop {
        public Local {
            Objects.requireNonNull(account, "account");
        }

        @Override
        public String kind() {
            return "local";
        }

        /** {@code local:<account>}, as the spool stores it. */
        @Override
        public String toString() {
            return "local:" + account.value();
        }
    }

    /** The MX (or the smarthost) of another domain, lower case. */
    record Remote(String domain) implements NextHop {
        public Remote {
            Objects.requireNonNull(domain, "domain");
        }

        @Override
        public String kind() {
            return "remote";
        }

        /** {@code remote:<domain>}, as the spool stores it. */
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
