package org.mailstack.mailctl.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.mailstack.core.account.AccountName;
import org.junit.jupiter.api.Test;

class ObjectNamesTest {
    @Test
    void secretNamesAreFreshPerCallAndFitDockersLimit() {
        String a = ObjectNames.secret(AccountName.of("alice"), "pw");
        assertTrue(a.matches("user-alice-pw-[0-9a-f]{8}"), a);
        assertNotEquals(a, ObjectNames.secret(AccountName.of("alice"), "pw"));
        String longest = ObjectNames.secret(AccountName.of("x".repeat(63)), "ssh");
        assertTrue(longest.length() <= ObjectNames.MAX_SECRET_NAME, longest);
    }

    @Test
    void volumeNameIsFixedSoARepeatedCreateFindsIt() {
        assertEquals("user-alice-home", ObjectNames.volume(AccountName.of("alice")));
        assertEquals(ObjectNames.volume(AccountName.of("bob")), ObjectNames.volume(AccountName.of("bob")));
    }
}
