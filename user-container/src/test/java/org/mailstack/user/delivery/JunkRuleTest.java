package org.mailstack.user.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.MaildirStore;
import org.mailstack.core.maildir.SpecialUse;
import org.mailstack.core.maildir.StoreOptions;
import org.mailstack.user.sieve.Envelope;
import org.mailstack.user.sieve.SieveRules;

/**
 * The default rule after the owner's Sieve rules, through the delivery agent into a real Maildir store: mail the MX
 * marked {@code X-Spam: Yes} lands in Junk unless the owner's rules decided otherwise.
 */
class JunkRuleTest {
    private static final byte[] TRACE = "Delivered-To: box@bob.example.test\r\n".getBytes(StandardCharsets.UTF_8);
    private static final Envelope ENVELOPE = new Envelope("friend@example.org", "box@bob.example.test");
    private static final FolderName JUNK = FolderName.of("Junk");

    @TempDir
    Path dir;
    MaildirStore store;

    @BeforeEach
    void open() throws IOException {
        store = MaildirStore.open(dir.resolve("Maildir"), StoreOptions.defaults().withFsync(false));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Delivers a message with the given extra header lines under the given rules (null: no rules file). */
    private List<String> deliver(String rules, String header) throws Exception {
        Path file = dir.resolve("rules.sieve");
        Files.deleteIfExists(file);
        if (rules != null) {
            Files.writeString(file, rules);
        }
        DeliveryAgent agent = new DeliveryAgent(new MaildirDelivery(store), new SieveRules(file),
                new UnavailableForwarder(), Set.of("box@bob.example.test"));
        MessageSpool spool = new MessageSpool(4096, dir);
        spool.write(("From: <friend@example.org>\r\nSubject: offer\r\n" + header + "\r\nbody\r\n")
                .getBytes(StandardCharsets.UTF_8));
        spool.seal();
        return agent.deliver(ENVELOPE, TRACE, spool);
    }

    private int count(FolderName folder) throws IOException {
        return store.status(folder).messages();
    }

    @Test
    void markedSpamWithoutRulesGoesToJunk() throws Exception {
        assertEquals(List.of("Junk"), deliver(null, "X-Spam: Yes\r\n"));
        assertEquals(1, count(JUNK));
        assertEquals(0, count(FolderName.INBOX));
    }

    @Test
    void theMarkIsComparedAsSieveWouldCaseInsensitiveAndWhole() throws Exception {
        assertEquals(List.of("Junk"), deliver(null, "x-spam:   yes  \r\n"));
        assertEquals(List.of("INBOX"), deliver(null, "X-Spam: Yesterday\r\n"));
        assertEquals(List.of("INBOX"), deliver(null, "X-Spam: No\r\n"));
        assertEquals(List.of("INBOX"), deliver(null, "X-Spam-Status: Yes, score=9\r\n"));
        assertEquals(List.of("INBOX"), deliver(null, ""));
    }

    @Test
    void rulesThatTakeNoActionLeaveItToTheDefault() throws Exception {
        assertEquals(List.of("Junk"), deliver("require \"fileinto\";\r\n"
                + "if header :contains \"subject\" \"minutes\" { fileinto \"Work\"; }\r\n", "X-Spam: Yes\r\n"));
    }

    @Test
    void anExplicitKeepOfTheOwnerWins() throws Exception {
        assertEquals(List.of("INBOX"), deliver("if address :is \"from\" \"friend@example.org\" { keep; stop; }\r\n",
                "X-Spam: Yes\r\n"));
        assertEquals(0, count(JUNK));
    }

    @Test
    void aFileintoOfTheOwnerWins() throws Exception {
        assertEquals(List.of("Offers"), deliver("require \"fileinto\"; fileinto \"Offers\";", "X-Spam: Yes\r\n"));
        assertEquals(0, count(JUNK));
    }

    @Test
    void aDiscardOfTheOwnerWins() throws Exception {
        assertEquals(List.of(), deliver("discard;", "X-Spam: Yes\r\n"));
        assertEquals(0, count(JUNK));
    }

    @Test
    void brokenRulesStillFileMarkedSpamIntoJunk() throws Exception {
        assertEquals(List.of("Junk"), deliver("if header :is \"X-Spam\" { ", "X-Spam: Yes\r\n"));
    }

    @Test
    void aJunkFolderTheOwnerDeletedIsMadeAgainAsTheJunkFolderAndSubscribed() throws Exception {
        store.deleteFolder(JUNK);
        store.unsubscribe(JUNK);
        assertFalse(store.exists(JUNK));
        assertEquals(List.of("Junk"), deliver(null, "X-Spam: Yes\r\n"));
        assertTrue(store.exists(JUNK));
        assertEquals(1, count(JUNK));
        assertEquals(Optional.of(SpecialUse.JUNK), store.specialUse(JUNK));
        assertTrue(store.subscriptions().contains(JUNK));
    }
}
