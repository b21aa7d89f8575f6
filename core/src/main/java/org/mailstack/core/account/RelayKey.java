package org.mailstack.core.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The stack's relay key and the per-account secrets derived from it (ADR 2, ADR 17).
 *
 * <p>Only the main container and the host's {@code mailctl} hold the key. Each account's container holds only its own
 * secret, {@code HMAC-SHA256(key, "mailstack relay v1:" + account)}: the relay derives it on the fly to deliver, and
 * whoever reads it inside one account's container can deliver to that account alone and can act as no other. The
 * fingerprint names the key without revealing it, so the Docker objects made from one key can be told apart from
 * those of an older one.
 */
public final class RelayKey {
    /** Fewer random bytes than this is not a key. */
    public static final int MIN_BYTES = 32;
    private static final String CONTEXT = "mailstack relay v1:";
    private final byte[] key;

    private RelayKey(byte[] key) {
        this.key = key;
    }

    /**
     * The key from the text of a key file (any printable text of at least {@value #MIN_BYTES} bytes; surrounding
     * white space is ignored, so a file written with a final newline reads the same).
     */
    public static RelayKey parse(String text) {
        byte[] bytes = text.strip().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("a relay key needs at least " + MIN_BYTES + " bytes");
        }
        return new RelayKey(bytes);
    }

    /** The secret of one account: what its container's {@code relay_secret} holds and the relay sends as password. */
    public String forAccount(AccountName account) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(CONTEXT + account.value()));
    }

    /** Whether {@code presented} is the secret of {@code account}, compared in constant time. */
    public boolean isSecretOf(AccountName account, String presented) {
        return presented != null && MessageDigest.isEqual(forAccount(account).getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** 12 hex digits naming this key (a hash of an HMAC of a fixed text: it reveals nothing of the key). */
    public String fingerprint() {
        try {
            byte[] id = MessageDigest.getInstance("SHA-256").digest(hmac("mailstack relay key id"));
            return HexFormat.of().formatHex(Arrays.copyOf(id, 6));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    private byte[] hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JVM", e);
        }
    }

    @Override
    public String toString() {
        return "RelayKey[" + fingerprint() + "]";
    }
}
