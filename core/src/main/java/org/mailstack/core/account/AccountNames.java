package org.mailstack.core.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Names derived from an account name. */
public final class AccountNames {
    /** Docker refuses service names longer than a DNS label. */
    public static final int MAX_SERVICE_NAME = 63;
    /** The prefix of every account's swarm service. */
    public static final String SERVICE_PREFIX = "user-";
    /** The label that makes a swarm service an account (Docker is the only account registry): its value is the name. */
    public static final String ACCOUNT_LABEL = "org.mailstack.account";
    private static final int HASH_CHARS = 8;

    private AccountNames() {
    }

    /**
     * The swarm service of an account: {@code user-<name>} when that fits in 63 characters; otherwise the name is
     * cut and followed by {@code -} and 8 hex digits of its SHA-256, so different long names still get different,
     * stable service names.
     */
    public static String serviceName(AccountName account) {
        String full = SERVICE_PREFIX + account.value();
        if (full.length() <= MAX_SERVICE_NAME) {
            return full;
        }
        String hash = sha256Hex(account.value()).substring(0, HASH_CHARS);
        String cut = full.substring(0, MAX_SERVICE_NAME - HASH_CHARS - 1);
        while (cut.endsWith("-")) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "-" + hash;
    }

    private static String sha256Hex(String s) {
        return HexFormat.of().formatHex(sha256(s));
    }

    /** SHA-256 of the UTF-8 bytes of {@code s}: the stable hash names and addresses are derived from. */
    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
