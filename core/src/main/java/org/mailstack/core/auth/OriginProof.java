package org.mailstack.core.auth;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a relay tells an account's IMAP server which client a login comes from (ADR 18), in ID fields (RFC 2971)
 * named as Dovecot's proxy names them: {@value #ADDRESS} and {@value #PORT}, plus {@value #PROOF}.
 *
 * <p>The server gives each connection a random nonce ({@value #NONCE} in its ID answer). The proof is
 * {@code base64url(HMAC-SHA256(relay secret, "mailstack origin v1|" + ip + "|" + port + "|" + nonce))} with the
 * account's own relay secret (ADR 2), which only that account's container and the main container (from the relay
 * key) can compute. So only the relay can vouch for an address, the proof is good on that one connection only, and a
 * client that sends the fields itself is ignored: its own address stays the one its login counts under.
 */
public final class OriginProof {
    /** The client's IP address, as text. */
    public static final String ADDRESS = "x-originating-ip";
    /** The client's TCP port. */
    public static final String PORT = "x-originating-port";
    /** The proof over address, port and nonce. */
    public static final String PROOF = "x-mailstack-proxy";
    /** The server's nonce for this connection, in its ID answer. */
    public static final String NONCE = "x-mailstack-nonce";
    private static final String CONTEXT = "mailstack origin v1|";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    /** @param relaySecret the account's relay secret (its container's {@code relay_secret}) */
    public OriginProof(String relaySecret) {
        if (relaySecret == null || relaySecret.length() < 16) {
            throw new IllegalArgumentException("a relay secret has at least 16 characters");
        }
        this.key = relaySecret.getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh nonce for one connection: 128 random bits, base64url. */
    public static String newNonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The ID fields vouching for {@code client} on the connection whose nonce is {@code nonce}, in order. */
    public Map<String, String> fields(InetSocketAddress client, String nonce) {
        String ip = client.getAddress().getHostAddress();
        int zone = ip.indexOf('%');
        if (zone >= 0) {
            ip = ip.substring(0, zone);
        }
        String port = Integer.toString(client.getPort());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(ADDRESS, ip);
        fields.put(PORT, port);
        fields.put(PROOF, sign(ip, port, nonce));
        return fields;
    }

    /**
     * The client the fields vouch for, when they carry this account's proof for {@code nonce}; empty when any field
     * is missing or malformed or the proof is wrong. Field names must be in lower case.
     */
    public Optional<InetSocketAddress> verify(Map<String, String> fields, String nonce) {
        String ip = fields.get(ADDRESS);
        String port = fields.get(PORT);
        String proof = fields.get(PROOF);
        if (ip == null || port == null || proof == null || nonce == null || nonce.isEmpty()
                || !port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            return Optional.empty();
        }
        boolean right = MessageDigest.isEqual(sign(ip, port, nonce).getBytes(StandardCharsets.UTF_8),
                proof.getBytes(StandardCharsets.UTF_8));
        if (!right) {
            return Optional.empty();
        }
        return IpLiteral.parse(ip).map(a -> new InetSocketAddress(a, Integer.parseInt(port)));
    }

    private String sign(String ip, String port, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] h = mac.doFinal((CONTEXT + ip + "|" + port + "|" + nonce).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JVM", e);
        }
    }

    @Override
    public String toString() {
        return "OriginProof[secret hidden]";
    }
}
