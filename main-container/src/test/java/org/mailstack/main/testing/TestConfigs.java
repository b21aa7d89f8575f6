package org.mailstack.main.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.mailstack.main.config.Config;

/** Configurations for tests: ephemeral ports, directories under a temporary folder. */
public final class TestConfigs {
    private TestConfigs() {
    }

    /** Every listener on port 0, spool and state under {@code dir}, plus {@code extra} variables. */
    public static Config ephemeral(Path dir, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        for (String p : new String[] {"SMTP", "SUBMISSION", "SUBMISSIONS", "IMAP", "IMAPS", "ADMIN", "WEBMAIL"}) {
            env.put("MAILSTACK_" + p + "_PORT", "0");
        }
        env.put("MAILSTACK_SPOOL_DIR", dir.resolve("spool").toString());
        env.put("MAILSTACK_STATE_DIR", dir.resolve("state").toString());
        env.put("MAILSTACK_TLS_DIR", dir.resolve("tls").toString());
        env.put("MAILSTACK_RELAY_SECRET_FILE", dir.resolve("relay_secret").toString());
        env.putAll(extra);
        return Config.fromEnv(env);
    }

    public static Config ephemeral(Path dir) {
        return ephemeral(dir, Map.of());
    }
}
