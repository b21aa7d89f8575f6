package org.mailstack.user.ssh;

import java.time.Duration;
import java.util.UUID;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * One account's container as the swarm runs it for SSH: the user-container image with {@code NET_ADMIN} (which its
 * entrypoint drops after setting the firewall), secrets copied in, on a network the test made, where it is known
 * by its account name. SSH and SMTP are bound to 127.0.0.1.
 */
final class AccountContainer extends GenericContainer<AccountContainer> {
    /** The image under test; {@code -Dmailstack.user.image=...} tries another build. */
    static final String IMAGE = "mailstack/user-container:latest";
    static final String LABEL = "org.mailstack.test";
    static final int SSH = 2222;
    static final int SMTP = 2525;

    AccountContainer(String user, String password, String relaySecret, String authorizedKeys, Network network,
                     String run) {
        super(DockerImageName.parse(System.getProperty("mailstack.user.image", IMAGE)));
        withEnv("MAILSTACK_USER", user);
        withEnv("MAILSTACK_DOMAIN", "example.test");
        withLabel(LABEL, run);
        withNetwork(network);
        withNetworkAliases(user);
        withExposedPorts(SSH, SMTP);
        withCopyToContainer(Transferable.of(BCrypt.withDefaults().hashToString(6, password.toCharArray()), 0444),
                "/run/secrets/password_hash");
        withCopyToContainer(Transferable.of(relaySecret, 0444), "/run/secrets/relay_secret");
        if (authorizedKeys != null) {
            withCopyToContainer(Transferable.of(authorizedKeys, 0444), "/run/secrets/ssh_authorized_keys");
        }
        withCreateContainerCmdModifier(cmd -> {
            cmd.withName("mailstack-it-ssh-" + user + "-" + UUID.randomUUID().toString().substring(0, 8));
            cmd.getHostConfig()
                    .withCapAdd(com.github.dockerjava.api.model.Capability.NET_ADMIN)
                    .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(SSH)),
                            new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(SMTP)));
        });
        waitingFor(Wait.forLogMessage(".*SMTP receiver listening.*", 1).withStartupTimeout(Duration.ofSeconds(120)));
    }

    SshClient ssh() {
        return new SshClient(getMappedPort(SSH));
    }
}
