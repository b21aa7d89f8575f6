package org.mailstack.mailctl.account;

import org.mailstack.core.account.AccountName;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Names of an account's Docker objects besides its service.
 *
 * <p>The service name is the lock: only one {@code create} can make it. Secrets therefore get a random suffix, so a
 * losing {@code create} only ever removes its own secret; the volume has a fixed name, is created idempotently and is
 * never removed by {@code create}, so a loser cannot touch the winner's data.
 */
public final class ObjectNames {
    /** Docker refuses longer secret names. */
    static final int MAX_SECRET_NAME = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ObjectNames() {}

    public static String volume(AccountName user) {
        return AccountNaming.serviceName(user) + "-home";
    }

    /** A fresh, unique secret name such as {@code user-alice-pw-3f9a1c0d}. */
    public static String secret(AccountName user, String kind) {
        byte[] nonce = new byte[4];
        RANDOM.nextBytes(nonce);
        String suffix = "-" + kind + "-" + HexFormat.of().formatHex(nonce);
        String base = AccountNaming.serviceName(user);
        int room = MAX_SECRET_NAME - suffix.length();
        return (base.length() > room ? base.substring(0, room) : base) + suffix;
    }
}
