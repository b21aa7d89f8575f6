package org.mailstack.user.ssh;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.mailstack.user.testing.ImapsTalk;
import org.mailstack.user.testing.Trust;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;

import at.favre.lib.crypto.bcrypt.BCrypt;

/**
 * One account's container as the swarm runs it for SSH: the user-container image with {@code NET_ADMIN} (which its
 * entrypoint drops after setting the firewall), secrets copied in, on a network the test made, where it is known
 * by its account name. SSH, SMTP and IMAPS are bound to 127.0.0.1.
 */
final class AccountContainer extends GenericContainer<AccountContainer> {
    /** The image under test; {@code -Dmailstack.user.image=...} tries another build. */
    static final String IMAGE = "mailstack/user-container:latest";
    static final String LABEL = "org.mailstack.test";
    static final int SSH = 2222;
    static final int SMTP = 2525;
    static final int IMAPS = 1993;

    AccountContainer(String user, String password, String relaySecret, String authorizedKeys, Network network,
                     String run) {
        super(DockerImageName.parse(System.getProperty("mailstack.user.image", IMAGE)));
        withEnv("MAILSTACK_USER", user);
        withEnv("MAILSTACK_DOMAIN", "example.test");
        withLabel(LABEL, run);
        withNetwork(network);
        withNetworkAliases(user);
        withExposedPorts(SSH, SMTP, IMAPS);
        withCopyToContainer(Transferable.of(BCrypt.withDefaults().hashToString(6, password.toCharArray()), 0444),
                "/run/secrets/password_hash");
        withCopyToContainer(Transferable.of(relaySecret, 0444), "/run/secrets/relay_secret");
        if (authorizedKeys != null) {
            withCopyToContainer(Transferable.of(authorizedKeys, 0444), "/run/secrets/ssh_authorized_keys");
        }
        withCreateContainerCmdModifier(cmd -> {
            cmd.withName("mailstack-it-ssh-" + user + "-" + UUID.randomUUID().toString().substring(0, 8));
            cmd.getHostConfig()
                    .withCapAdd(Capability.NET_ADMIN)
                    .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(SSH)),
                            new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(SMTP)),
                            new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(IMAPS)));
        });
        waitingFor(Wait.forLogMessage(".*SMTP receiver listening.*", 1).withStartupTimeout(Duration.ofSeconds(120)));
    }

    SshClient ssh() {
        return new SshClient(getMappedPort(SSH));
    }

    /** A network for a test run's containers, labelled so that leftovers can be found. */
    static Network network(String run) {
        return Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(Map.of(LABEL, run))).build();
    }

    /** Starts the container and waits until the owner can log in over SSH with {@code password}. */
    AccountContainer startAndAwaitSsh(String password) {
        start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> ssh().withPassword(password, "true").exit() == 0);
        return this;
    }

    /** Stops what a test class started, whatever of it did start. */
    static void stop(Network network, AccountContainer... accounts) {
        for (AccountContainer account : accounts) {
            if (account != null) {
                account.stop();
            }
        }
        if (network != null) {
            network.close();
        }
    }

    /** A new IMAPS session (not logged in), trusting the certificate the container made for itself. */
    ImapsTalk imaps() throws IOException {
        return new ImapsTalk(Trust.ofUserContainer(this), getMappedPort(IMAPS));
    }
}
