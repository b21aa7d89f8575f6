package org.mailstack.user.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.files.Planted;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.MaildirStore;
import org.mailstack.core.maildir.StoreOptions;
import org.mailstack.user.sieve.Envelope;
import org.mailstack.user.sieve.SieveRules;

/** Delivery into the real store when the owner planted a link where a folder of the rules would be. */
class MaildirDeliveryTest {
    @TempDir
    Path home;

    @Test
    void fileintoAFolderWhoseNameIsALinkLandsInInbox() throws Exception {
        Path outside = Files.createDirectories(home.resolveSibling(home.getFileName() + "-outside"));
        for (String sub : new String[] {"cur", "new", "tmp"}) {
            Files.createDirectories(outside.resolve(sub));
        }
        Files.writeString(home.resolve("rules.sieve"), "require \"fileinto\"; fileinto \"Evil\";\n");
        try (MaildirStore store = MaildirStore.open(home.resolve("Maildir"),
                StoreOptions.defaults().withHostName("bob.example.test").withFsync(false))) {
            Planted.link(home.resolve("Maildir").resolve(".Evil"), outside);
            DeliveryAgent agent = new DeliveryAgent(new MaildirDelivery(store),
                    new SieveRules(home.resolve("rules.sieve")), new UnavailableForwarder(),
                    Set.of("box@bob.example.test"));

            List<String> stored = agent.deliver(new Envelope("a@example.org", "box@bob.example.test"), new byte[0],
                    spool("From: a@example.org\r\nSubject: hi\r\n\r\nbody\r\n"));

            assertEquals(List.of("INBOX"), stored);
            assertEquals(1, store.openView(FolderName.INBOX, true).size());
        }
        for (String sub : new String[] {"cur", "new", "tmp"}) {
            try (var files = Files.list(outside.resolve(sub))) {
                assertEquals(0, files.count(), sub);
            }
        }
    }

    private MessageSpool spool(String text) throws IOException {
        MessageSpool spool = new MessageSpool(1024, home);
        spool.write(text.getBytes(StandardCharsets.UTF_8));
        spool.seal();
        return spool;
    }
}
