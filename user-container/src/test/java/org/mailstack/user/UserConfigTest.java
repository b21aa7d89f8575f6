package org.mailstack.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserConfigTest {
    @TempDir
    Path secrets;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(secrets.resolve("password_hash"), "$2a$04$abcdefghijklmnopqrstuu5qYbW0M7L6HkQe5yqvh1hCrC4cV6Lru\n");
        Files.writeString(secrets.resolve("relay_secret"), "relay-secret-value-123\n");
        env.put("MAILSTACK_USER", "bob");
        env.put("MAILSTACK_DOMAIN", "Example.Test");
        env.put("MAILSTACK_SECRETS", secrets.toString());
    }

    @Test
    void defaultsAndDerivedNames() throws IOException {
        UserConfig config = UserConfig.fromEnvironment(env);
        assertEquals("box@bob.example.test", config.primaryAddress());
        assertEquals("bob.example.test", config.hostName());
        assertEquals(Path.of("/home/box/Maildir"), config.maildir());
        assertEquals(Path.of("/home/box/rules.sieve"), config.rulesFile());
        assertEquals(UserConfig.DEFAULT_QUOTA, config.quotaBytes());
        assertEquals(2525, config.smtpPort());
        assertEquals("relay-secret-value-123", config.relaySecret());
    }

    @Test
    void aliasesAndNumbers() throws IOException {
        env.put("MAILSTACK_ALIASES", "bob@example.test, Robert@Example.Test");
        env.put("MAILSTACK_QUOTA_BYTES", "1000");
        env.put("MAILSTACK_SMTP_PORT", "0");
        UserConfig config = UserConfig.fromEnvironment(env);
        assertEquals(Set.of("bob@example.test", "Robert@example.test"), config.aliases());
        assertEquals(1000, config.quotaBytes());
        assertEquals(0, config.smtpPort());
    }

    @Test
    void theLearnEndpointIsTheStacksMainServiceUnlessSetOrOff() throws IOException {
        UserConfig config = UserConfig.fromEnvironment(env);
        assertEquals(Optional.of(URI.create("http://mailstack-main:9091")), config.learnUrl());
        assertEquals(30, config.learnPerMinute());
        env.put("MAILSTACK_LEARN_URL", "http://main.test:8091");
        env.put("MAILSTACK_LEARN_PER_MINUTE", "5");
        config = UserConfig.fromEnvironment(env);
        assertEquals(Optional.of(URI.create("http://main.test:8091")), config.learnUrl());
        assertEquals(5, config.learnPerMinute());
        env.put("MAILSTACK_LEARN_URL", "off");
        assertEquals(Optional.empty(), UserConfig.fromEnvironment(env).learnUrl());
        env.put("MAILSTACK_LEARN_URL", "ftp://main.test/");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UserConfig.fromEnvironment(env))
                .getMessage().contains("MAILSTACK_LEARN_URL"));
        env.put("MAILSTACK_LEARN_URL", "off");
        env.put("MAILSTACK_LEARN_PER_MINUTE", "0");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UserConfig.fromEnvironment(env))
                .getMessage().contains("MAILSTACK_LEARN_PER_MINUTE"));
    }

    @Test
    void toStringHidesSecrets() throws IOException {
        String text = UserConfig.fromEnvironment(env).toString();
        assertFalse(text.contains("relay-secret-value"), text);
        assertFalse(text.contains("$2a$"), text);
    }

    @Test
    void errorsNameTheProblem() {
        env.remove("MAILSTACK_USER");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UserConfig.fromEnvironment(env))
                .getMessage().contains("MAILSTACK_USER"));
        env.put("MAILSTACK_USER", "bob");
        env.put("MAILSTACK_QUOTA_BYTES", "lots");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UserConfig.fromEnvironment(env))
                .getMessage().contains("MAILSTACK_QUOTA_BYTES"));
    }

    @Test
    void missingOrEmptySecretFileIsAnError() throws IOException {
        Files.delete(secrets.resolve("relay_secret"));
        assertThrows(IOException.class, () -> UserConfig.fromEnvironment(env));
        Files.writeString(secrets.resolve("relay_secret"), "\n");
        assertThrows(IOException.class, () -> UserConfig.fromEnvironment(env));
    }
}
