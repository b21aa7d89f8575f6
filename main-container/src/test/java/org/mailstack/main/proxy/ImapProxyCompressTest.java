package org.mailstack.main.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.auth.LoginLimiter;
import org.mailstack.core.auth.OriginProof;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.MaildirStore;
import org.mailstack.core.maildir.StoreOptions;
import org.mailstack.imap.server.ImapServer;
import org.mailstack.imap.server.ImapServerConfig;
import org.mailstack.main.address.AddressRules;
import org.mailstack.main.delivery.RelayKeyFile;
import org.mailstack.main.metrics.Metrics;
import org.mailstack.main.testing.FixedAccountDirectory;
import org.mailstack.main.testing.TestConfigs;
import org.mailstack.main.tls.ClientTls;
import org.mailstack.main.tls.ServerTls;

/**
 * COMPRESS=DEFLATE (RFC 4978) through the proxy: alice's "container" is the real IMAP server on 127.0.0.1 (STARTTLS,
 * trusting the relay with alice's relay secret), the proxy in front of it. The proxy passes the container's
 * capabilities on in its answer to the login and splices opaque bytes after it, so the client's COMPRESS and
 * everything compressed after it go between the client and the container untouched.
 */
class ImapProxyCompressTest {
    private static final String LINE = "All work and no play makes Jack a dull boy, all work and no play.\r\n";

    @TempDir
    Path dir;
    MaildirStore store;
    ImapServer imap;
    ImapProxy proxy;

    @BeforeEach
    void start() throws Exception {
        ServerTls accountTls = new ServerTls(dir.resolve("account-tls"), dir.resolve("account-state"),
                "alice.example.test");
        store = MaildirStore.open(dir.resolve("maildir"), StoreOptions.defaults().withFsync(false)
                .withHostName("test"));
        imap = ImapServer.start(ImapServerConfig.builder(
                        (user, password, remote) -> "box@alice.example.test".equals(user) && "alice-pw".equals(password)
                                ? Optional.of("alice") : Optional.empty(),
                        account -> store)
                .bindAddress(InetAddress.getLoopbackAddress())
                .plainPort(0)
                .sslContext(accountTls.context())
                .allowPlainLogin(false)
                .relayProof(new OriginProof(TestConfigs.accountSecret("alice")))
                .workerThreads(2)
                .build());
        ServerTls proxyTls = new ServerTls(dir.resolve("tls"), dir.resolve("state"), "imap.example.test");
        Path key = Files.writeString(dir.resolve("relay_key"), TestConfigs.RELAY_KEY);
        proxy = ImapProxy.start(0, true, proxyTls.context(), new AddressRules("example.test"),
                new FixedAccountDirectory().with("alice", "127.0.0.1"),
                new LoginLimiter(ImapProxyTest.LIMITS, Clock.systemUTC()), new RelayKeyFile(key), new Metrics(),
                imap.plainPort(), ClientTls.unverified(), "imap.example.test", 10, 5);
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (imap != null) {
            imap.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private void deliver(String subject, String body) throws Exception {
        String message = "From: Bob <bob@example.test>\r\nTo: box@alice.example.test\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.hashCode() + "@x>\r\n\r\n" + body;
        store.deliver(FolderName.of("INBOX"), new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aClientCompressesEndToEndWithTheAccountsServerThroughTheProxy() throws Exception {
        String body = LINE.repeat(30);
        deliver("first", body);
        try (ImapClient c = new ImapClient(proxy.port(), true)) {
            String greeting = c.line();
            assertFalse(greeting.contains("COMPRESS"), "the proxy itself compresses nothing: " + greeting);
            assertEquals("a0 BAD Command not allowed before login", ImapClient.last(c.command("a0", "COMPRESS DEFLATE")));
            String login = ImapClient.last(c.command("a1", "LOGIN box@alice.example.test alice-pw"));
            assertTrue(login.startsWith("a1 OK [CAPABILITY ") && login.contains(" COMPRESS=DEFLATE"),
                    "the container's capabilities, passed on: " + login);

            assertEquals(List.of("a2 OK DEFLATE active"), c.command("a2", "COMPRESS DEFLATE"));
            c.compress();
            assertTrue(c.command("a3", "SELECT INBOX").contains("* 1 EXISTS"));
            List<String> fetch = c.command("a4", "FETCH 1 BODY[TEXT]");
            assertEquals("a4 OK Fetch completed.", ImapClient.last(fetch));
            assertEquals(LINE.strip(), fetch.get(1));
            assertTrue(c.compressedRead() < body.length() / 4,
                    c.compressedRead() + " octets on the wire for a body of " + body.length());

            c.write("a5 IDLE\r\n");
            assertEquals("+ idling", c.line());
            deliver("second", "late\r\n");
            assertEquals("* 2 EXISTS", c.line(), "announced while idling, flushed through the splice");
            c.write("DONE\r\n");
            assertEquals("a5 OK Idle completed.", ImapClient.last(c.until("a5")));
            List<String> again = c.command("a6", "COMPRESS DEFLATE");
            assertTrue(ImapClient.last(again).startsWith("a6 NO [COMPRESSIONACTIVE]"), again.toString());
            assertTrue(ImapClient.last(c.command("a7", "LOGOUT")).startsWith("a7 OK"));
        }
    }
}
