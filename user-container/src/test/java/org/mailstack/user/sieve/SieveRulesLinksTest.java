package org.mailstack.user.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.files.LogCapture;
import org.mailstack.core.files.Planted;

/**
 * The owner writes {@code rules.sieve}; the mail process reads it and can read what the owner cannot. A link, a
 * FIFO, a directory or an oversized file in its place is a broken script: the mail goes to INBOX, nothing behind a
 * link is read, and the reason is logged once.
 */
class SieveRulesLinksTest {
    private static final byte[] HEADER = "From: a@example.org\r\nSubject: hi\r\n\r\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path home;
    @TempDir
    Path elsewhere;
    private final String secret = "SECRET-" + UUID.randomUUID();
    private Path rules;
    private Path outside;

    @BeforeEach
    void rulesWithASecretOutsideTheHome() throws IOException {
        rules = home.resolve("rules.sieve");
        outside = Files.writeString(elsewhere.resolve("secret.sieve"), "require \"fileinto\"; fileinto \"" + secret
                + "\";\n");
    }

    private FilterResult evaluate(SieveRules sieve) {
        return sieve.evaluate(new Envelope("a@example.org", "box@bob.example.test"), HeaderBlock.parse(HEADER), 100);
    }

    private static void assertInboxBecause(FilterResult result, String reason) {
        assertEquals(List.of("INBOX"), result.folders(), result.toString());
        assertTrue(result.fallbackReason().orElse("").contains(reason), result.toString());
    }

    @Test
    void symlinkedRulesAreNeverRead() throws IOException {
        Planted.link(rules, outside);
        SieveRules sieve = new SieveRules(rules);
        try (LogCapture log = LogCapture.start()) {
            FilterResult first = evaluate(sieve);
            FilterResult second = evaluate(sieve);

            assertInboxBecause(first, "a symbolic link");
            assertInboxBecause(second, "a symbolic link");
            assertFalse(first.toString().contains(secret) || log.text().contains(secret), log.text());
            assertEquals(1, log.linesWith("rules not read").size(), log.text());
        }
    }

    @Test
    void rulesReplacedByALinkAfterTheyWereLoadedAreNotFollowed() throws IOException {
        Files.writeString(rules, "require \"fileinto\"; fileinto \"Archive\";\n");
        SieveRules sieve = new SieveRules(rules);
        assertEquals(List.of("Archive"), evaluate(sieve).folders());
        Files.delete(rules);
        Planted.link(rules, outside);

        assertInboxBecause(evaluate(sieve), "a symbolic link");
    }

    @Test
    void fifoInPlaceOfTheRulesDoesNotHoldUpDelivery() throws Exception {
        Planted.fifo(rules);
        SieveRules sieve = new SieveRules(rules);

        FilterResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> evaluate(sieve));

        assertInboxBecause(result, "FIFO");
    }

    @Test
    void directoryInPlaceOfTheRulesFallsBackToInbox() throws IOException {
        Files.createDirectories(rules);

        assertInboxBecause(evaluate(new SieveRules(rules)), "a directory");
    }

    @Test
    void rulesLargerThanTheLimitFallBackToInbox() throws IOException {
        String comment = "# " + "x".repeat(1000) + "\n";
        Files.writeString(rules, comment.repeat(SieveRules.MAX_BYTES / comment.length() + 1) + "discard;\n");
        SieveRules sieve = new SieveRules(rules);

        assertInboxBecause(evaluate(sieve), "larger than " + SieveRules.MAX_BYTES + " bytes");
        Files.writeString(rules, "discard;\n");
        assertTrue(evaluate(sieve).storesNothing());
    }
}
