package org.mailstack.main.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mailstack.main.smtp.SmtpListener;
import org.mailstack.main.smtp.SmtpServers;
import org.mailstack.main.tls.ServerTls;

/**
 * The MX listener on an ephemeral port over a {@link RelayHarness} (accounts alice and bob), started afresh for
 * every test in a temporary directory of its own:
 * {@code @RegisterExtension final MxUnderTest mx = new MxUnderTest(Map.of("MAILSTACK_MAX_MESSAGE_SIZE", "20K"));}
 */
public final class MxUnderTest implements BeforeEachCallback, AfterEachCallback {
    private final Map<String, String> env;
    private Path dir;
    private RelayHarness harness;
    private ServerTls tls;
    private SmtpListener mx;

    /** @param env settings for this MX; the rest default */
    public MxUnderTest(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("mx-under-test");
        harness = new RelayHarness(dir, env);
        harness.accounts.with("alice", "127.0.0.1").with("bob", "127.0.0.1");
        tls = new ServerTls(dir.resolve("tls"), dir.resolve("state"), "mail.example.test");
        mx = SmtpServers.mx(harness.config, harness.inbound, tls.context()).start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        mx.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public RelayHarness harness() {
        return harness;
    }

    /** The listeners' TLS, for further listeners over the same harness. */
    public ServerTls tls() {
        return tls;
    }

    public int port() {
        return mx.port();
    }

    /** A session past the banner and EHLO. */
    public SmtpConversation session() throws IOException {
        return greeted(SmtpConversation.open("127.0.0.1", port()));
    }

    /** Reads the banner and says EHLO. */
    public static SmtpConversation greeted(SmtpConversation c) throws IOException {
        c.reply();
        c.send("EHLO probe.example.net");
        return c;
    }

    /** A session that has had MAIL and RCPT for alice accepted. */
    public SmtpConversation transaction() throws IOException {
        SmtpConversation c = session();
        expect("250", c.send("MAIL FROM:<sender@elsewhere.example>"));
        expect("250", c.send("RCPT TO:<box@alice.example.test>"));
        return c;
    }

    /** The number of messages in the spool. */
    public int queued() throws IOException {
        return harness.spool.recover().size();
    }

    private static void expect(String code, String reply) throws IOException {
        if (!reply.startsWith(code)) {
            throw new IOException("expected " + code + ": " + reply);
        }
    }
}
