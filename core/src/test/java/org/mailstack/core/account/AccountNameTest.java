package org.mailstack.core.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"alice", "a", "bob-smith", "x1", "0day", "a-b-c"})
    void acceptsDnsLabels(String name) {
        assertEquals(name, AccountName.of(name).value());
    }

    @Test
    void acceptsSixtyThreeCharacters() {
        assertEquals(63, AccountName.of("a".repeat(63)).value().length());
    }

    @ParameterizedTest
    @CsvSource({
        "'', EMPTY",
        "Alice, CHARACTERS",
        "al_ice, CHARACTERS",
        "al.ice, CHARACTERS",
        "'al ice', CHARACTERS",
        "élise, CHARACTERS",
        "-alice, HYPHEN_AT_END",
        "alice-, HYPHEN_AT_END",
        "postmaster, RESERVED",
        "www, RESERVED",
        "mail, RESERVED",
        "mta-sts, RESERVED",
        "autoconfig, RESERVED",
        "relay, RESERVED",
        "main, RESERVED",
    })
    void eachRefusalNamesTheRule(String name, InvalidAccountNameException.Rule rule) {
        InvalidAccountNameException e = assertThrows(InvalidAccountNameException.class, () -> AccountName.of(name));
        assertEquals(rule, e.rule());
        assertTrue(e.getMessage().contains(rule.text()));
        assertFalse(AccountName.isValid(name));
    }

    @Test
    void tooLongIsItsOwnRule() {
        assertEquals(InvalidAccountNameException.Rule.TOO_LONG,
                assertThrows(InvalidAccountNameException.class, () -> AccountName.of("a".repeat(64))).rule());
    }

    @Test
    void serviceNameIsUserDashNameWhenItFits() {
        assertEquals("user-alice", AccountNames.serviceName(AccountName.of("alice")));
        String fits = "a".repeat(58);
        assertEquals("user-" + fits, AccountNames.serviceName(AccountName.of(fits)));
    }

    @Test
    void longNamesAreCutWithAStableDistinctHash() {
        String one = AccountNames.serviceName(AccountName.of("a".repeat(62) + "b"));
        String two = AccountNames.serviceName(AccountName.of("a".repeat(62) + "c"));
        assertEquals(63, one.length());
        assertTrue(one.startsWith("user-aaaa"));
        assertTrue(one.matches("user-a+-[0-9a-f]{8}"), one);
        assertFalse(one.equals(two));
        assertEquals(one, AccountNames.serviceName(AccountName.of("a".repeat(62) + "b")));
    }

    @Test
    void cutNeverLeavesADoubleHyphen() {
        String name = "a".repeat(48) + "-" + "b".repeat(14);
        String service = AccountNames.serviceName(AccountName.of(name));
        assertFalse(service.contains("--"), service);
        assertTrue(service.length() <= 63);
    }
}
