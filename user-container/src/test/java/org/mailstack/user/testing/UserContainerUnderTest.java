package org.mailstack.user.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import javax.net.ssl.SSLContext;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;

import at.favre.lib.crypto.bcrypt.BCrypt;

/**
 * The user-container image ({@code mailstack/user-container:latest}, built before the integration tests) as a test
 * container: account {@code bob} under {@code example.test}, secrets copied in as files, SMTP bound to 127.0.0.1 on
 * a random port, labelled {@value #LABEL} so that leftovers can be found and removed.
 */
public final class UserContainerUnderTest extends GenericContainer<UserContainerUnderTest> {
    public static final String IMAGE = "mailstack/user-container:latest";
    public static final String LABEL = "org.mailstack.test";
    public static final int SMTP = 2525;
    public static final int IMAP = 1143;
    public static final int IMAPS = 1993;
    public static final String BOX = "box@bob.example.test";
    public static final String RELAY_SECRET = "relay-secret-" + UUID.randomUUID();
    public static final String PASSWORD = "correct horse battery staple";

    /** @param run a unique id of the test run, used in the label and the container name */
    public UserContainerUnderTest(String run) {
        super(DockerImageName.parse(IMAGE));
        withEnv("MAILSTACK_USER", "bob");
        withEnv("MAILSTACK_DOMAIN", "example.test");
        withLabel(LABEL, run);
        withExposedPorts(SMTP, IMAP, IMAPS);
        withCopyToContainer(Transferable.of(BCrypt.withDefaults().hashToString(6, PASSWORD.toCharArray()), 0444),
                "/run/secrets/password_hash");
        withCopyToContainer(Transferable.of(RELAY_SECRET, 0444), "/run/secrets/relay_secret");
        withCreateContainerCmdModifier(cmd -> {
            cmd.withName("mailstack-it-user-" + run + "-" + UUID.randomUUID().toString().substring(0, 8));
            HostConfig host = cmd.getHostConfig();
            host.withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(SMTP)),
                    new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(IMAP)),
                    new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(IMAPS)));
        });
        waitingFor(Wait.forLogMessage(".*SMTP receiver listening.*", 1).withStartupTimeout(Duration.ofSeconds(120)));
    }

    /** Installs a Sieve script as {@code /home/box/rules.sieve}. */
    public UserContainerUnderTest withRules(String script) {
        return withCopyToContainer(Transferable.of(script, 0444), "/home/box/rules.sieve");
    }

    /** Mounts a named volume (created by the test) as the account's home. */
    public UserContainerUnderTest withHomeVolume(String volume) {
        return withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                .withBinds(new Bind(volume, new Volume("/home/box"))));
    }

    public int smtpPort() {
        return getMappedPort(SMTP);
    }

    /** A new SMTP session, greeted and authenticated as the relay. */
    public SmtpTalk relaySession() throws IOException {
        SmtpTalk talk = SmtpTalk.open("127.0.0.1", smtpPort());
        String reply = talk.authPlain("relay", RELAY_SECRET);
        if (!reply.startsWith("235")) {
            talk.close();
            throw new IOException("relay login refused: " + reply);
        }
        return talk;
    }

    /** A TLS context that trusts this container's own (generated, self-signed) certificate. */
    public SSLContext trustingItsCertificate() {
        return Trust.ofUserContainer(this);
    }

    /** The account's Maildir as it is now. */
    public MaildirSnapshot maildir() {
        return MaildirSnapshot.of(getDockerClient(), getContainerId(), "/home/box/Maildir");
    }
}
