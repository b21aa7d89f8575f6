package org.mailstack.user.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.user.testing.SmtpTalk;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.Network;

/**
 * The owner's SSH access on the real engine: alice and bob, each in a user container on a network this test made.
 * Alice logs in with her password and with her key, lands in her home, and can neither read the relay secret nor
 * reach bob's container, whose SMTP receiver refuses anyone without the secret.
 */
class SshAccessIT {
    private static final String RUN = "ssh-" + UUID.randomUUID();
    private static final String RELAY_SECRET = "relay-secret-" + UUID.randomUUID();
    private static final String ALICE_PASSWORD = "alice's long password";
    private static final String BOB_PASSWORD = "bob's long password";

    @TempDir
    static Path keys;
    private static Network network;
    private static AccountContainer alice;
    private static AccountContainer bob;

    @BeforeAll
    static void start() throws Exception {
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "alice",
                "-f", keys.resolve("alice").toString()).start();
        assertTrue(keygen.waitFor(20, TimeUnit.SECONDS) && keygen.exitValue() == 0, "ssh-keygen");
        String publicKey = Files.readString(keys.resolve("alice.pub"), StandardCharsets.UTF_8);
        network = AccountContainer.network(RUN);
        alice = new AccountContainer("alice", ALICE_PASSWORD, RELAY_SECRET, publicKey, network, RUN);
        bob = new AccountContainer("bob", BOB_PASSWORD, RELAY_SECRET, null, network, RUN);
        bob.start();
        alice.startAndAwaitSsh(ALICE_PASSWORD);
    }

    @AfterAll
    static void stop() {
        AccountContainer.stop(network, alice, bob);
    }

    @Test
    void passwordLoginLandsInTheHomeWithTheMaildirAndTheRules() throws Exception {
        SshClient.Result r = alice.ssh().withPassword(ALICE_PASSWORD,
                "id -un; pwd; ls ~/Maildir; echo 'keep;' > ~/rules.sieve && cat ~/rules.sieve");

        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().lines().toList().containsAll(List.of("box", "/home/box", "cur", "new", "tmp", "keep;")),
                r.out());
    }

    @Test
    void rulesCopiedWithScpSortTheMailTheOwnerThenReads() throws Exception {
        Path rules = keys.resolve("rules.sieve");
        Files.writeString(rules, "require \"fileinto\";\nif header :contains \"subject\" \"[scp]\" {"
                + " fileinto \"Archive\"; }\n");
        SshClient.Result copied = alice.ssh().upload(keys.resolve("alice"), rules, "rules.sieve");
        assertEquals(0, copied.exit(), copied.err());

        try (SmtpTalk relay = SmtpTalk.open("127.0.0.1", alice.getMappedPort(AccountContainer.SMTP))) {
            assertTrue(relay.authPlain("relay", RELAY_SECRET).startsWith("235"));
            String reply = relay.sendMail("someone@example.org", "box@alice.example.test",
                    "From: someone@example.org\r\nSubject: [scp] sorted\r\n\r\nbody\r\n");
            assertTrue(reply.startsWith("250"), reply);
        }
        // The mail process (user mailer) read box's rules; box reads the message it filed, in a terminal.
        SshClient.Result r = alice.ssh().withKey(keys.resolve("alice"), "-tt",
                "tty; grep -l '\\[scp\\] sorted' ~/Maildir/.Archive/new/* | wc -l");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("/dev/pts/"), r.out());
        assertTrue(r.out().strip().endsWith("1"), r.out());
    }

    @Test
    void keyLoginWorks() throws Exception {
        SshClient.Result r = alice.ssh().withKey(keys.resolve("alice"), "echo logged in with a key");

        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("logged in with a key"), r.out());
    }

    @Test
    void wrongPasswordAndForeignKeyAreRefused() throws Exception {
        SshClient.Result wrong = alice.ssh().withPassword("not " + ALICE_PASSWORD, "echo in");
        assertNotEquals(0, wrong.exit());
        assertFalse(wrong.out().contains("in"));
        assertNotEquals(0, bob.ssh().withKey(keys.resolve("alice"), "echo in").exit());
        assertNotEquals(0, bob.ssh().withPassword(ALICE_PASSWORD, "echo in").exit());
    }

    @Test
    void theRelaySecretIsUnreadableFromTheSession() throws Exception {
        SshClient.Result r = alice.ssh().withPassword(ALICE_PASSWORD,
                "cat /run/secrets/relay_secret; cat /dev/shm/mailstack/relay_secret;"
                        + " cat /proc/$(pgrep -u mailer java || echo 1)/environ;"
                        + " grep -rs relay-secret- /run /dev/shm /tmp;"
                        + " echo set-uid programs: $(find / -xdev -type f -perm /6000 2>/dev/null | wc -l); echo done");

        assertTrue(r.out().contains("set-uid programs: 0\ndone"), r.out());
        assertFalse(r.out().contains(RELAY_SECRET) || r.err().contains(RELAY_SECRET));
        assertTrue(r.err().contains("Permission denied"), r.err());
    }

    @Test
    void bobsMaildirIsNowhereInAlicesContainer() throws Exception {
        String token = "marker-" + UUID.randomUUID();
        for (AccountContainer account : List.of(alice, bob)) {
            String name = account == alice ? "alice" : "bob";
            ExecResult put = account.execInContainer("sh", "-c", "echo " + token + " > /home/box/Maildir/new/"
                    + name + ".marker && cat /home/box/Maildir/new/" + name + ".marker");
            assertTrue(put.getStdout().contains(token), put.getStderr());
        }

        SshClient.Result r = alice.ssh().withPassword(ALICE_PASSWORD,
                "ls -d /home/*; grep -rsl " + token + " /home /mnt /media /srv /tmp /var /run /dev/shm; echo searched");

        // alice's own marker is found, so the search works; bob's is in a volume her container does not have.
        assertEquals(List.of("/home/box", "/home/box/Maildir/new/alice.marker", "searched"), r.out().lines().toList());
    }

    @Test
    void bobsContainerIsNeitherResolvableNorReachableFromTheSessionButIsFromTheMailProcess() throws Exception {
        SshClient.Result r = alice.ssh().withPassword(ALICE_PASSWORD,
                "getent hosts bob >/dev/null && echo resolved;"
                        + " timeout 5 bash -c 'exec 3<>/dev/tcp/bob/2525' && echo connected || echo refused");
        // The same connection from alice's mail process (not a session) works: the rule, not the network, stops it.
        ExecResult control = alice.execInContainer("setpriv", "--reuid=mailer", "--regid=box", "--clear-groups",
                "timeout", "5", "bash", "-c", "exec 3<>/dev/tcp/bob/2525 && head -c 3 <&3");

        // Docker's DNS answers the mail process only: a session cannot even list the other accounts' names.
        assertEquals(List.of("refused"), r.out().lines().toList());
        assertEquals("220", control.getStdout());
    }

    @Test
    void bobsSmtpReceiverRefusesEveryoneWithoutTheRelaySecret() throws IOException {
        try (SmtpTalk talk = SmtpTalk.open("127.0.0.1", bob.getMappedPort(AccountContainer.SMTP))) {
            assertTrue(talk.command("MAIL FROM:<box@alice.example.test>").startsWith("530"));
            assertTrue(talk.authPlain("box@bob.example.test", BOB_PASSWORD).startsWith("535"));
        }
    }

    @Test
    void newConnectionsBeyondTenAMinuteFromOneAddressAreDropped() throws Exception {
        try (AccountContainer carol = new AccountContainer("carol", "carol's password", RELAY_SECRET, null,
                network, RUN)) {
            carol.start();
            for (int i = 0; i < 16; i++) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", carol.getMappedPort(AccountContainer.SSH)), 1000);
                    socket.setSoTimeout(1000);
                    socket.getInputStream().read();
                } catch (IOException e) {
                    // a dropped connection: the firewall's counter below says why
                }
            }
            // docker exec runs with the container's capabilities, unlike the processes the entrypoint started.
            ExecResult counters = carol.execInContainer("iptables", "-w", "-L", "INPUT", "-v", "-n", "-x");
            String drop = counters.getStdout().lines().filter(l -> l.contains("DROP") && l.contains("dpt:2222"))
                    .findFirst().orElse("0");
            assertTrue(Long.parseLong(drop.strip().split("\\s+")[0]) > 0, counters.getStdout());
        }
    }

    @Test
    void sshdStaysSmall() throws Exception {
        ExecResult rss = alice.execInContainer("sh", "-c", "ps -o rss= -C sshd | head -1");
        long kib = Long.parseLong(rss.getStdout().strip());
        System.out.println("sshd listener RSS: " + kib + " KiB");
        assertTrue(kib < 16 * 1024, kib + " KiB");
    }
}
