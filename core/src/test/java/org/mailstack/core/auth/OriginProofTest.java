package org.mailstack.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginProofTest {
    private static final String SECRET = "relay-secret-of-alice-0123456789";
    private final OriginProof alice = new OriginProof(SECRET);

    private static InetSocketAddress client(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void theProofIsTheKnownHmacOfAddressPortAndNonce() throws Exception {
        // printf %s 'mailstack origin v1|203.0.113.7|51234|n0nce' \
        //   | openssl dgst -sha256 -hmac 'relay-secret-of-alice-0123456789' -binary | basenc --base64url | tr -d '='
        assertThat(alice.fields(client("203.0.113.7", 51234), "n0nce")).containsExactly(
                Map.entry("x-originating-ip", "203.0.113.7"), Map.entry("x-originating-port", "51234"),
                Map.entry("x-mailstack-proxy", "Lo0ZzcBupVxa4F10S0U6jBbFY4cSNuf0uzjOEaoWgTE"));
    }

    @Test
    void theSameSecretAndNonceVerify() throws Exception {
        InetSocketAddress c = client("2001:db8::7", 443);
        assertThat(alice.verify(alice.fields(c, "n1"), "n1")).contains(c);
    }

    @Test
    void anotherNonceAnotherSecretOrAChangedFieldDoNot() throws Exception {
        Map<String, String> fields = alice.fields(client("203.0.113.7", 51234), "n1");
        assertThat(alice.verify(fields, "n2")).as("another connection").isEmpty();
        assertThat(new OriginProof("relay-secret-of-bob-00000000000").verify(fields, "n1")).isEmpty();
        Map<String, String> moved = new HashMap<>(fields);
        moved.put(OriginProof.ADDRESS, "203.0.113.8");
        assertThat(alice.verify(moved, "n1")).isEmpty();
        Map<String, String> missing = new HashMap<>(fields);
        missing.remove(OriginProof.PROOF);
        assertThat(alice.verify(missing, "n1")).isEmpty();
        assertThat(alice.verify(fields, null)).isEmpty();
    }

    @Test
    void aProvenButMalformedAddressOrPortIsStillRefused() {
        OriginProof p = new OriginProof(SECRET);
        Map<String, String> fields = new HashMap<>();
        fields.put(OriginProof.ADDRESS, "mail.example.test");
        fields.put(OriginProof.PORT, "99999");
        fields.put(OriginProof.PROOF, "x");
        assertThat(p.verify(fields, "n")).isEmpty();
    }

    @Test
    void nonceIsFreshAndTheSecretIsNeverPrinted() {
        assertThat(OriginProof.newNonce()).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(OriginProof.newNonce());
        assertThat(alice.toString()).doesNotContain(SECRET);
        assertThatThrownBy(() -> new OriginProof("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
