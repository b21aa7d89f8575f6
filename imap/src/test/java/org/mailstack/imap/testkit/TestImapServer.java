package org.mailstack.imap.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLContext;

import org.mailstack.core.auth.LoginLimiter;
import org.mailstack.core.auth.LoginPolicy;
import org.mailstack.core.maildir.MaildirStore;
import org.mailstack.core.maildir.StoreOptions;
import org.mailstack.imap.server.ImapServer;
import org.mailstack.imap.server.ImapServerConfig;

/**
 * A real server on 127.0.0.1 with ephemeral ports over a fresh Maildir: account {@code alice}, password
 * {@code secret}; plain login allowed unless the test asks otherwise.
 */
public final class TestImapServer implements AutoCloseable {
    public static final String USER = "alice";
    public static final String PASSWORD = "secret";
    /** The default limits with short waits: 200 ms per own failure, at most 50 ms from the account's. */
    public static final LoginPolicy LIMITS = new LoginPolicy(5, 20, Duration.ofMinutes(15), Duration.ofMillis(200),
            Duration.ofMillis(10), Duration.ofMillis(50), 1000);

    private final MaildirStore store;
    private final ImapServer server;

    private TestImapServer(MaildirStore store, ImapServer server) {
        this.store = store;
        this.server = server;
    }

    public static TestImapServer start(Path maildir) throws IOException, InterruptedException {
        return start(maildir, null, true, b -> { });
    }

    public static TestImapServer start(Path maildir, SSLContext tls, boolean allowPlain,
                                       Consumer<ImapServerConfig.Builder> tweak)
            throws IOException, InterruptedException {
        return start(maildir, o -> o, tls, allowPlain, tweak);
    }

    /** A server over a store with a byte quota ({@code quotaBytes}, 0 for none). */
    public static TestImapServer withQuota(Path maildir, long quotaBytes) throws IOException, InterruptedException {
        return start(maildir, o -> o.withQuotaBytes(quotaBytes), null, true, b -> { });
    }

    /** A server whose store has other options (a quota), and whose config {@code tweak} changes. */
    public static TestImapServer start(Path maildir, UnaryOperator<StoreOptions> storeOptions,
                                       SSLContext tls, boolean allowPlain,
                                       Consumer<ImapServerConfig.Builder> tweak)
            throws IOException, InterruptedException {
        MaildirStore store = MaildirStore.open(maildir, storeOptions.apply(StoreOptions.defaults().withFsync(false)
                .withHostName("test")));
        ImapServerConfig.Builder b = ImapServerConfig.builder(
                        (user, password, remote) -> USER.equals(user) && PASSWORD.equals(password)
                                ? Optional.of(USER) : Optional.empty(),
                        account -> store)
                .plainPort(0)
                .allowPlainLogin(allowPlain)
                .loginLimiter(new LoginLimiter(LIMITS, Clock.systemUTC()))
                .workerThreads(4);
        if (tls != null) {
            b.sslContext(tls).tlsPort(0);
        }
        tweak.accept(b);
        return new TestImapServer(store, ImapServer.start(b.build()));
    }

    public MaildirStore store() {
        return store;
    }

    public int port() {
        return server.plainPort();
    }

    public int tlsPort() {
        return server.tlsPort();
    }

    public ImapTestClient client() throws IOException {
        return new ImapTestClient(port());
    }

    /** A client that has read the greeting and logged in. */
    public ImapTestClient loggedIn() throws IOException {
        ImapTestClient c = client();
        c.login();
        return c;
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
