package org.mailstack.main.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.RelayKey;
import org.mailstack.main.config.Config;

/** Configurations for tests: ephemeral ports, directories under a temporary folder. */
public final class TestConfigs {
    /** The relay key every ephemeral configuration reads (written to {@code relay_key} unless already there). */
    public static final String RELAY_KEY = "test-relay-key-of-the-stack-0123456789abcdef";

    private TestConfigs() {
    }

    /** The secret the account's container holds, derived from {@link #RELAY_KEY}. */
    public static String accountSecret(String user) {
        return RelayKey.parse(RELAY_KEY).forAccount(AccountName.of(user));
    }

    /** Every listener on port 0, spool and state under {@code dir}, plus {@code extra} variables. */
    public static Config ephemeral(Path dir, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        for (String p : new String[] {"SMTP", "SUBMISSION", "SUBMISSIONS", "IMAP", "IMAPS", "ADMIN", "WEBMAIL",
                "LEARN"}) {
            env.put("MAILSTACK_" + p + "_PORT", "0");
        }
        env.put("MAILSTACK_SPOOL_DIR", dir.resolve("spool").toString());
        env.put("MAILSTACK_STATE_DIR", dir.resolve("state").toString());
        env.put("MAILSTACK_TLS_DIR", dir.resolve("tls").toString());
        Path key = dir.resolve("relay_key");
        try {
            if (!Files.exists(key)) {
                Files.createDirectories(dir);
                Files.writeString(key, RELAY_KEY + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("MAILSTACK_RELAY_KEY_FILE", key.toString());
        env.putAll(extra);
        return Config.fromEnv(env);
    }

    public static Config ephemeral(Path dir) {
        return ephemeral(dir, Map.of());
    }
}
