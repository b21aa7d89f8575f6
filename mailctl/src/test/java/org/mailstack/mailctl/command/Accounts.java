package org.mailstack.mailctl.command;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.mailstack.mailctl.FakeSwarm;
import org.mailstack.mailctl.account.Labels;
import org.mailstack.mailctl.account.SecretMount;
import org.mailstack.mailctl.account.ServiceRequest;
import org.mailstack.mailctl.account.StackSettings;
import org.mailstack.mailctl.backup.BackupArchives;
import org.mailstack.mailctl.backup.HomeTar;

/** Puts an existing account into a {@link FakeSwarm}, as create would have left it. */
final class Accounts {
    private Accounts() {}

    static void add(FakeSwarm swarm, String user, String node) {
        String service = "user-" + user;
        String secret = service + "-pw-0000000" + user.length();
        swarm.volumes.put(service + "-home", Map.of(Labels.ACCOUNT, user));
        swarm.secrets.put(secret, new FakeSwarm.Secret("$2a$10$hash".getBytes(),
                Map.of(Labels.ACCOUNT, user, Labels.ROLE, "password")));
        swarm.services.put(service, new ServiceRequest(service, StackSettings.IMAGE,
                Map.of(Labels.ACCOUNT, user, Labels.DOMAIN, "example.test", Labels.CREATED, "2026-11-01T10:00:00Z"),
                Map.of("MAILSTACK_USER", user, "MAILSTACK_DOMAIN", "example.test"), service + "-home", "/home/box",
                List.of(new SecretMount(service + "-relay-0000", "relay_secret"),
                        new SecretMount(secret, "password_hash")),
                StackSettings.NETWORK, List.of("node.id==" + node), 1, Duration.ofSeconds(5)));
    }

    static final String SSH_KEYS = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA owner@laptop\n";

    /**
     * An account whose container runs on this endpoint's node, with a real password hash, SSH keys on port 2203 and
     * a home with mail ({@link HomeTar#sample()}), as a backup finds it.
     */
    static void addRunning(FakeSwarm swarm, String user, String node) {
        add(swarm, user, node);
        String service = "user-" + user;
        String pw = swarm.mounted(service, "password_hash");
        swarm.secrets.put(pw, new FakeSwarm.Secret(BackupArchives.HASH.getBytes(), swarm.secretLabels(pw)));
        String ssh = service + "-ssh-00000001";
        swarm.secrets.put(ssh, new FakeSwarm.Secret(SSH_KEYS.getBytes(), Map.of(Labels.ACCOUNT, user,
                Labels.ROLE, "ssh-keys")));
        swarm.replaceSecret(service, "ssh_authorized_keys", ssh);
        swarm.moveSshPort(service, 2203);
        swarm.running.add(service);
        swarm.volumeData.put(service + "-home", HomeTar.sample());
    }
}
