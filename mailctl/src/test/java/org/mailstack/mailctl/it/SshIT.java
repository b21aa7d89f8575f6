package org.mailstack.mailctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.mailctl.account.StackSettings;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

/**
 * SSH into accounts made by {@code mailctl create} on the real swarm: alice (password and key) and bob. Alice logs
 * in on the port {@code create} printed, lands in her home, and can neither read the relay secret nor reach bob's
 * container, which her mail process can reach. Both accounts are deleted at the end.
 */
class SshIT {
    static final String PREFIX = "itssh" + HexFormat.of().formatHex(ByteBuffer.allocate(4)
            .putInt(new SecureRandom().nextInt()).array()).substring(0, 6);
    static final String ALICE = PREFIX + "-alice";
    static final String BOB = PREFIX + "-bob";
    static final String PASSWORD = "ssh it password 1234";

    @TempDir
    static Path keys;
    static ItDocker docker;
    static int alicePort;
    static int bobPort;

    @BeforeAll
    static void twoAccounts() throws Exception {
        docker = new ItDocker(PREFIX);
        docker.requireRealImage();
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("alice").toString()), null);

        String[] created = mailctl(PASSWORD + "\n", "create", ALICE, "--password-stdin", "--ssh-key",
                keys.resolve("alice.pub").toString(), "--timeout", "120");
        alicePort = SshClient.port(created[0] + created[1]);
        String[] bob = mailctl(PASSWORD + "\n", "create", BOB, "--password-stdin", "--timeout", "120");
        bobPort = SshClient.port(bob[0] + bob[1]);
        assertNotEquals(alicePort, bobPort);
    }

    @AfterAll
    static void deleteBoth() throws Exception {
        if (docker != null) {
            docker.deleteAndClose(ALICE, BOB);
        }
    }

    @Test
    void keyAndPasswordLoginsLandInTheHomeWithTheMaildir() throws Exception {
        String[] key = ssh(List.of("-i", keys.resolve("alice").toString(), "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes"), null, "id -un; pwd; ls Maildir");
        assertTrue(key[0].lines().toList().containsAll(List.of("box", "/home/box", "cur", "new", "tmp")),
                key[0] + key[1]);

        String[] password = ssh(List.of("-o", "PubkeyAuthentication=no"), PASSWORD, "echo password accepted");
        assertTrue(password[0].contains("password accepted"), password[1]);
        String[] wrong = ssh(List.of("-o", "PubkeyAuthentication=no"), "not " + PASSWORD, "echo in");
        assertFalse(wrong[0].contains("in"), wrong[0]);
    }

    @Test
    void theSecretsAndBobsContainerAreOutOfReach() throws Exception {
        String[] r = ssh(List.of("-i", keys.resolve("alice").toString(), "-o", "BatchMode=yes"), null,
                "cat /run/secrets/relay_secret /run/secrets/password_hash && echo read;"
                        + " getent hosts user-" + BOB + " >/dev/null && echo resolved;"
                        + " timeout 5 bash -c 'exec 3<>/dev/tcp/user-" + BOB + "/2525'"
                        + " && echo connected || echo refused");
        // Docker's DNS does not answer a session either: other accounts' names are not even listed (it fails).
        assertEquals(List.of("refused"), r[0].lines().toList(), r[1]);
        assertTrue(r[1].contains("Temporary failure in name resolution"), r[1]);
        assertTrue(r[1].contains("Permission denied"), r[1]);

        // Alice's mail process (not a session) reaches bob's receiver: the firewall, not the network, stopped her.
        String banner = execInService("user-" + ALICE, "setpriv", "--reuid=mailer", "--regid=box", "--clear-groups",
                "timeout", "5", "bash", "-c", "exec 3<>/dev/tcp/user-" + BOB + "/2525 && head -c 3 <&3");
        assertEquals("220", banner);
    }

    @Test
    void theHostKeyOutlivesTheContainer() throws Exception {
        String before = hostKey(bobPort);
        String container = containerOf("user-" + BOB);
        String[] passwd = mailctl("another " + PASSWORD + "\n", "passwd", BOB, "--password-stdin", "--timeout", "120");
        assertEquals("0", passwd[2], passwd[1]);

        // passwd replaced bob's container by a new one on the same volume; it answers with the same key.
        assertNotEquals(container, containerOf("user-" + BOB));
        assertTrue(before.startsWith("ssh-ed25519 "), before);
        assertEquals(before, hostKey(bobPort));
    }

    private static String hostKey(int port) throws Exception {
        return SshClient.hostKey(port);
    }

    private static String[] ssh(List<String> auth, String password, String command) throws Exception {
        return SshClient.ssh(alicePort, auth, password, command);
    }

    private static String[] run(List<String> cmd, String password) throws IOException, InterruptedException {
        return SshClient.run(cmd, password);
    }

    /** The running container of a service on this node. */
    private static String containerOf(String service) {
        return docker.client.listContainersCmd()
                .withLabelFilter(Map.of("com.docker.swarm.service.name", service)).exec().get(0).getId();
    }

    private static String execInService(String service, String... command) throws InterruptedException {
        String id = containerOf(service);
        String exec = docker.client.execCreateCmd(id).withCmd(command).withAttachStdout(true).exec().getId();
        StringBuilder out = new StringBuilder();
        docker.client.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        }).awaitCompletion(20, TimeUnit.SECONDS);
        return out.toString();
    }

    private static String[] mailctl(String stdin, String... args) {
        MailctlRun.Result r = MailctlRun.run(StackSettings.IMAGE, stdin, args);
        return new String[] {r.out(), r.err(), Integer.toString(r.code())};
    }
}
