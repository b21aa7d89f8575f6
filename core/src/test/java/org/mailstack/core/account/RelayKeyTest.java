package org.mailstack.core.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RelayKeyTest {
    private static final RelayKey KEY = RelayKey.parse("k3y-0f-the-stack-with-enough-bytes-1234567890\n");

    @Test
    void accountSecretIsTheKnownHmacOfTheAccountName() {
        // HMAC-SHA256("k3y-0f-the-stack-with-enough-bytes-1234567890", "mailstack relay v1:alice"), base64url:
        // computed independently with: printf %s 'mailstack relay v1:alice' | openssl dgst -sha256 -hmac KEY -binary
        //   | basenc --base64url | tr -d '='
        assertEquals("gGkh7_gkm4_An5dkQoWWnn3L75xmFOOO0x4dTJVrcmo", KEY.forAccount(AccountName.of("alice")));
    }

    @Test
    void eachAccountGetsItsOwnSecret() {
        assertNotEquals(KEY.forAccount(AccountName.of("alice")), KEY.forAccount(AccountName.of("bob")));
    }

    @Test
    void oneAccountsSecretIsNotAnothersCredential() {
        String alice = KEY.forAccount(AccountName.of("alice"));
        assertTrue(KEY.isSecretOf(AccountName.of("alice"), alice));
        assertFalse(KEY.isSecretOf(AccountName.of("bob"), alice));
        assertFalse(KEY.isSecretOf(AccountName.of("alice"), null));
        assertFalse(KEY.isSecretOf(AccountName.of("alice"), alice + "x"));
    }

    @Test
    void anotherKeyDerivesOtherSecretsAndHasAnotherFingerprint() {
        RelayKey other = RelayKey.parse("another-key-of-the-stack-with-enough-bytes-99");
        assertNotEquals(KEY.forAccount(AccountName.of("alice")), other.forAccount(AccountName.of("alice")));
        assertNotEquals(KEY.fingerprint(), other.fingerprint());
        assertTrue(KEY.fingerprint().matches("[0-9a-f]{12}"), KEY.fingerprint());
    }

    @Test
    void aShortKeyIsRefusedAndTheKeyNeverShowsInText() {
        assertThrows(IllegalArgumentException.class, () -> RelayKey.parse("short"));
        assertFalse(KEY.toString().contains("k3y"));
    }
}
