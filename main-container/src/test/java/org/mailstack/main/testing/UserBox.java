package org.mailstack.main.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.RelayKey;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import at.favre.lib.crypto.bcrypt.BCrypt;

/**
 * A user container (image {@code mailstack/user-container:latest}) for ITs of the relay: on the test's network under
 * the alias the account's service name gives ({@code user-<name>}), with its password hash and its own relay secret
 * (derived from the stack's relay key) as files. The account itself is a zero-replica labelled service made by {@link TestAccounts}; this container plays
 * its task.
 */
public final class UserBox extends GenericContainer<UserBox> {
    public static final String IMAGE = "mailstack/user-container:latest";
    private final String user;
    private final String domain;

    public UserBox(Network network, String user, String domain, String password, String relayKey) {
        super(DockerImageName.parse(IMAGE));
        this.user = user;
        this.domain = domain;
        withNetwork(network);
        withNetworkAliases("user-" + user);
        withEnv("MAILSTACK_USER", user);
        withEnv("MAILSTACK_DOMAIN", domain);
        withLabel(MainContainerImage.TEST_LABEL, MainContainerImage.RUN_ID);
        withCopyToContainer(Transferable.of(BCrypt.withDefaults().hashToString(6, password.toCharArray()), 0444),
                "/run/secrets/password_hash");
        withCopyToContainer(Transferable.of(RelayKey.parse(relayKey).forAccount(AccountName.of(user)), 0444),
                "/run/secrets/relay_secret");
        waitingFor(Wait.forLogMessage(".*SMTP receiver listening.*", 1).withStartupTimeout(Duration.ofSeconds(120)));
    }

    public String address() {
        return "box@" + user + "." + domain;
    }

    /** The Subject lines of every message in the account's Maildir, sorted. */
    public List<String> subjects() throws IOException, InterruptedException {
        ExecResult r = execInContainer("sh", "-c",
                "find /home/box/Maildir -path '*/tmp' -prune -o -type f -path '*/new/*' -print -o -type f "
                        + "-path '*/cur/*' -print | xargs -r grep -h -m1 '^Subject:' | sort");
        return Arrays.stream(r.getStdout().split("\n")).filter(s -> !s.isBlank())
                .map(s -> s.substring("Subject:".length()).trim()).sorted().toList();
    }
}
