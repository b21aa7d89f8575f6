package org.mailstack.user.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RelayCredentialsTest {
    private final RelayCredentials relay = new RelayCredentials("0123456789abcdef-relay");

    @Test
    void onlyTheRelayUserWithTheSecret() {
        assertTrue(relay.check("relay", "0123456789abcdef-relay"));
        assertFalse(relay.check("relay", "0123456789abcdef-relaX"));
        assertFalse(relay.check("box", "0123456789abcdef-relay"));
        assertFalse(relay.check("relay", null));
    }

    @Test
    void shortSecretsAreRefusedAndNeverPrinted() {
        assertThrows(IllegalArgumentException.class, () -> new RelayCredentials("short"));
        assertFalse(relay.toString().contains("0123456789"));
    }
}
