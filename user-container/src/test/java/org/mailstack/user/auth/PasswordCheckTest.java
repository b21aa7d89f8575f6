package org.mailstack.user.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;

class PasswordCheckTest {
    private static final String HASH = BCrypt.withDefaults().hashToString(4, "s3cret pass".toCharArray());
    private final PasswordCheck check = new PasswordCheck(Set.of("box@bob.example.test", "bob"), HASH);

    @Test
    void acceptsBothLoginNamesWithTheRightPassword() {
        assertTrue(check.check("box@bob.example.test", "s3cret pass".toCharArray()));
        assertTrue(check.check("BOB", "s3cret pass".toCharArray()));
    }

    @Test
    void refusesWrongPasswordOrUnknownName() {
        assertFalse(check.check("bob", "s3cret pas".toCharArray()));
        assertFalse(check.check("alice", "s3cret pass".toCharArray()));
        assertFalse(check.check(null, "s3cret pass".toCharArray()));
    }

    @Test
    void acceptsThe2bAnd2yVariants() {
        String y = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "pw".toCharArray());
        assertTrue(new PasswordCheck(Set.of("bob"), y).check("bob", "pw".toCharArray()));
    }

    @Test
    void refusesSomethingThatIsNotABcryptHash() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PasswordCheck(Set.of("bob"), "plaintext-password"));
        assertFalse(e.getMessage().contains("plaintext-password"), "the message must not echo the value");
    }
}
