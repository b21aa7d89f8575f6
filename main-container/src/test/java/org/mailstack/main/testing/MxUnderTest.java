package org.mailstack.main.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.mailstack.main.smtp.SmtpListener;
import org.mailstack.main.smtp.SmtpServers;
import org.mailstack.main.tls.ServerTls;

/** The MX listener on an ephemeral port over a {@link RelayHarness}, with accounts alice and bob. */
public final class MxUnderTest implements AutoCloseable {
    public final RelayHarness harness;
    public final ServerTls tls;
    public final SmtpListener mx;

    private MxUnderTest(RelayHarness harness, ServerTls tls, SmtpListener mx) {
        this.harness = harness;
        this.tls = tls;
        this.mx = mx;
    }

    /** Starts the MX with the settings in {@code env} (the rest default); state under {@code dir}. */
    public static MxUnderTest start(Path dir, Map<String, String> env) throws Exception {
        RelayHarness h = new RelayHarness(dir, env);
        h.accounts.with("alice", "127.0.0.1").with("bob", "127.0.0.1");
        ServerTls tls = new ServerTls(dir.resolve("tls"), dir.resolve("state"), "mail.example.test");
        return new MxUnderTest(h, tls, SmtpServers.mx(h.config, h.inbound, tls.context()).start());
    }

    /** A session past the banner and EHLO. */
    public SmtpConversation session() throws IOException {
        return greeted(SmtpConversation.open("127.0.0.1", mx.port()));
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

    @Override
    public void close() {
        mx.close();
    }
}
