package org.mailstack.user.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class AccountAddressesTest {
    private final AccountAddresses addresses =
            new AccountAddresses("box@bob.example.test", Set.of("Bob@Example.Test"));

    @Test
    void acceptsPrimaryAndAliasesCaseInsensitively() {
        assertTrue(addresses.accepts("box@bob.example.test"));
        assertTrue(addresses.accepts("BOX@Bob.Example.TEST"));
        assertTrue(addresses.accepts("bob@example.test"));
        assertEquals("box@bob.example.test", addresses.primary());
    }

    @Test
    void refusesOtherAccountsAndLookalikes() {
        assertFalse(addresses.accepts("box@alice.example.test"));
        assertFalse(addresses.accepts("box@bob.example.test.evil"));
        assertFalse(addresses.accepts("other@bob.example.test"));
        assertFalse(addresses.accepts(""));
        assertFalse(addresses.accepts(null));
    }

    @Test
    void mailboxSyntax() {
        assertTrue(AccountAddresses.isMailbox("a.b+c@d-e.example"));
        assertFalse(AccountAddresses.isMailbox("no-at-sign"));
        assertFalse(AccountAddresses.isMailbox("a@b@c"));
        assertFalse(AccountAddresses.isMailbox("\"quoted\"@example.org"));
        assertFalse(AccountAddresses.isMailbox("@relay:user@example.org"));
        assertFalse(AccountAddresses.isMailbox("<box@bob.example.test>"));
        assertFalse(AccountAddresses.isMailbox(""));
    }

    @Test
    void reversePathAllowsNullSenderAndIsLenient() {
        assertTrue(AccountAddresses.isReversePath(""));
        assertTrue(AccountAddresses.isReversePath("bounce+x=y@lists.example.org"));
        assertTrue(AccountAddresses.isReversePath("odd%hack@example.org"));
        assertFalse(AccountAddresses.isReversePath("no at"));
        assertFalse(AccountAddresses.isReversePath("x@"));
        assertFalse(AccountAddresses.isReversePath("a@b\u0000c"));
        assertFalse(AccountAddresses.isReversePath("a".repeat(300) + "@x.y"));
    }

    @Test
    void badAliasIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new AccountAddresses("box@b.c", Set.of("not an address")));
    }
}
