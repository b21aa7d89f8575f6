package org.mailstack.mailctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.mailctl.account.StackSettings;

/**
 * {@code mailctl backup} and {@code restore} on the real engine with the real user-container image: an account with
 * mail in three folders, flags and keywords set over IMAP, a Sieve rule and an SSH key is backed up while mail for it
 * keeps arriving, deleted with its volume, refused from a truncated archive (nothing made), and restored. IMAP then
 * shows the same messages with the same UIDs, UIDVALIDITY and flags, the password logs in, the key and the host key
 * are the same over SSH, and the rule files new mail. IMAP is read by {@link ImapProbe} in a one-shot container on
 * the overlay, where an account's IMAP answers. The account's name starts with this run's random prefix; everything
 * is removed at the end.
 */
class BackupRestoreIT {
    static final String PREFIX = "itbk" + HexFormat.of().formatHex(ByteBuffer.allocate(4)
            .putInt(new SecureRandom().nextInt()).array()).substring(0, 6);
    static final String USER = PREFIX + "-a";
    static final String ADDRESS = "box@" + USER + ".example.test";
    static final String PASSWORD = "backup it password 1234";
    static final String RULES = "require [\"fileinto\"];"
            + " if header :contains \"subject\" \"[lists]\" { fileinto \"Lists\"; }"
            + " elsif header :contains \"subject\" \"[archive]\" { fileinto \"Archive\"; }";
    static final List<String> FOLDERS = List.of("INBOX", "Lists", "Archive");
    static final int DURING = 6;
    static final Duration JOB = Duration.ofSeconds(120);

    @TempDir
    static Path keys;
    static ItDocker docker;
    static OverlaySender overlay;

    /** One message as IMAP shows it. */
    record Msg(String folder, long validity, long uid, String flags, String subject) {
    }

    @BeforeAll
    static void engineImageAndKey() throws Exception {
        docker = new ItDocker(PREFIX);
        docker.requireRealImage();
        overlay = new OverlaySender(docker.client, PREFIX);
        SshClient.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("id").toString()),
                null);
    }

    @AfterAll
    static void removeEverything() throws Exception {
        if (docker != null) {
            docker.deleteAndClose(USER);
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void backupWhileMailArrivesThenDeleteAndRestoreKeepsUidsFlagsRulesKeysAndPassword(@TempDir Path dir)
            throws Exception {
        MailctlRun.Result created = mailctl(PASSWORD + "\n", "create", USER, "--password-stdin", "--ssh-key",
                keys.resolve("id.pub").toString(), "--timeout", "180");
        assertEquals(0, created.code(), created.err());
        int port = SshClient.port(created.out());
        String[] written = SshClient.ssh(port, key(), null, "printf '%s\\n' '" + RULES + "' > rules.sieve && echo ok");
        assertEquals("ok", written[0].strip(), written[1]);
        String hostKey = SshClient.hostKey(port);

        for (String subject : List.of("hello 1", "hello 2", "[lists] one", "[lists] two", "[archive] one")) {
            deliver(subject);
        }
        imap("store:INBOX:1:\\Seen \\Flagged", "store:INBOX:2:$Work", "store:Lists:1:\\Answered $Important",
                "store:Archive:1:\\Seen $Work $Done");
        List<Msg> before = dump();
        assertEquals(List.of("INBOX|1|\\Flagged \\Seen|hello 1", "INBOX|2|$Work|hello 2",
                "Lists|1|$Important \\Answered|[lists] one", "Lists|2||[lists] two",
                "Archive|1|$Done $Work \\Seen|[archive] one"), before.stream()
                .map(m -> m.folder() + "|" + m.uid() + "|" + m.flags() + "|" + m.subject()).toList());

        // Mail keeps arriving, one message after the other, while the backup runs.
        AtomicInteger acknowledged = new AtomicInteger();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        int ackedBeforeBackup;
        MailctlRun.Result backup;
        try {
            Future<?> arriving = pool.submit(() -> {
                for (int i = 1; i <= DURING; i++) {
                    deliver("[during] " + i);
                    acknowledged.set(i);
                }
                return null;
            });
            Awaitility.await("mail arriving").atMost(Duration.ofMinutes(3)).until(() -> acknowledged.get() >= 1);
            ackedBeforeBackup = acknowledged.get();
            backup = mailctl("", "backup", USER, "--to", dir.toString());
            arriving.get(10, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, backup.code(), backup.err());
        assertTrue(backup.err().contains("Resumed user-" + USER), backup.err());
        Path archive = Path.of(backup.out().strip());
        assertTrue(archive.getFileName().toString().matches(Pattern.quote(USER)
                + "-\\d{8}T\\d{6}Z\\.mailstack-backup\\.tar"), archive.toString());

        MailctlRun.Result deleted = mailctl("", "delete", USER, "--purge", "--yes");
        assertEquals(0, deleted.code(), deleted.err());
        assertNothingOf(USER);

        Path truncated = dir.resolve("truncated.mailstack-backup.tar");
        try (InputStream in = Files.newInputStream(archive)) {
            Files.write(truncated, in.readNBytes((int) Math.min(Integer.MAX_VALUE, Files.size(archive) / 2)));
        }
        MailctlRun.Result refused = mailctl("", "restore", truncated.toString());
        assertEquals(1, refused.code(), refused.err());
        assertTrue(refused.err().contains(truncated + " is damaged"), refused.err());
        assertNothingOf(USER);

        MailctlRun.Result restored = mailctl("", "restore", archive.toString(), "--timeout", "180");
        assertEquals(0, restored.code(), restored.err());
        List<Msg> after = dump();

        for (String folder : FOLDERS) {
            assertEquals(validity(before, folder), validity(after, folder), folder + "'s UIDVALIDITY");
        }
        assertTrue(after.containsAll(before), "the messages before the backup, same UIDs and flags:\n" + after);
        // Mail that arrived while the backup ran had no UID yet (the first session to see a message gives it one):
        // the restored account gives it fresh ones, above every UID given before.
        long lastUid = before.stream().filter(m -> m.folder().equals("INBOX")).mapToLong(Msg::uid).max().orElse(0);
        Set<Integer> during = new TreeSet<>();
        Set<Long> uids = new TreeSet<>();
        for (Msg m : after) {
            if (before.contains(m)) {
                continue;
            }
            assertTrue(m.folder().equals("INBOX") && m.subject().startsWith("[during] ") && m.uid() > lastUid
                    && uids.add(m.uid()) && m.flags().isEmpty(), "a message from the backup: " + m);
            during.add(Integer.parseInt(m.subject().substring(9)));
        }
        assertTrue(during.size() >= ackedBeforeBackup, "mail acknowledged before the backup is in it: " + during);
        assertEquals(during.isEmpty() ? Set.of() : rangeTo(during.size()), during,
                "the backup is one moment: the messages sent one after the other, without a gap");

        int newPort = SshClient.port(restored.out());
        String[] rules = SshClient.ssh(newPort, key(), null, "cat rules.sieve");
        assertTrue(rules[0].contains("fileinto \"Lists\""), rules[0] + rules[1]);
        assertEquals(hostKey, SshClient.hostKey(newPort), "the SSH host key came back with the volume");

        long lastListsUid = after.stream().filter(m -> m.folder().equals("Lists")).mapToLong(Msg::uid).max()
                .orElse(0);
        deliver("[lists] after the restore");
        Awaitility.await("the rule files new mail").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> dump().stream().anyMatch(m -> m.folder().equals("Lists")
                        && m.subject().equals("[lists] after the restore") && m.uid() > lastListsUid));
    }

    private static Set<Integer> rangeTo(int n) {
        Set<Integer> s = new TreeSet<>();
        for (int i = 1; i <= n; i++) {
            s.add(i);
        }
        return s;
    }

    private static long validity(List<Msg> messages, String folder) {
        return messages.stream().filter(m -> m.folder().equals(folder)).mapToLong(Msg::validity).findFirst()
                .orElseThrow(() -> new AssertionError("no message in " + folder + ": " + messages));
    }

    private static List<String> key() {
        return List.of("-i", keys.resolve("id").toString(), "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes");
    }

    /** Delivers one message as the relay would, trying again (as the relay does) when the container did not answer. */
    private static void deliver(String subject) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            if (overlay.send("user-" + USER, ADDRESS, subject, "body of " + subject, StackSettings.IMAGE, JOB)) {
                return;
            }
        }
        throw new AssertionError("the container did not accept '" + subject + "' in three tries");
    }

    /** Runs {@link ImapProbe} on the overlay with the account's password; its PROBE lines. */
    private static List<String> imap(String... operations) throws IOException {
        String probe;
        try (InputStream in = ImapProbe.class.getResourceAsStream("ImapProbe.class")) {
            assertNotNull(in, "the compiled probe");
            probe = Base64.getEncoder().encodeToString(in.readAllBytes());
        }
        String script = String.join("\n", "set -eu",
                "d=/tmp/probe/org/mailstack/mailctl/it && mkdir -p \"$d\"",
                "printf '%s' \"$PROBE\" | base64 -d > \"$d/ImapProbe.class\"",
                "IFS=';' read -ra ops <<< \"$OPS\"",
                "exec java -Xmx48m -XX:TieredStopAtLevel=1 -cp /tmp/probe org.mailstack.mailctl.it.ImapProbe"
                        + " \"user-$ACCOUNT\" 1993 \"$LOGIN\" \"$PASS\" \"${ops[@]}\"");
        OverlaySender.Job job = overlay.run(StackSettings.IMAGE, script, List.of("PROBE=" + probe,
                "OPS=" + String.join(";", operations), "ACCOUNT=" + USER, "LOGIN=" + ADDRESS, "PASS=" + PASSWORD),
                List.of(), JOB);
        assertTrue(job.completed(), "IMAP probe: " + job.state() + "\n" + job.output());
        assertFalse(job.output().contains("PROBE-FAIL"), job.output());
        return job.output().lines().filter(l -> l.startsWith("PROBE ")).map(l -> l.substring(6)).toList();
    }

    /** Every message of the three folders, in folder and UID order. */
    private static List<Msg> dump() throws IOException {
        List<Msg> messages = new ArrayList<>();
        for (String line : imap("dump:" + String.join(",", FOLDERS))) {
            String[] f = line.split("\\|", 5);
            messages.add(new Msg(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), f[3], f[4]));
        }
        return messages;
    }

    /** No service, secret or volume of the account is left. */
    private static void assertNothingOf(String user) {
        Map<String, String> label = Map.of("org.mailstack.account", user);
        assertTrue(docker.client.listServicesCmd().withLabelFilter(label).exec().isEmpty(), "no service");
        assertTrue(docker.client.listSecretsCmd().withLabelFilter(label).exec().isEmpty(), "no secret");
        var volumes = docker.client.listVolumesCmd().exec().getVolumes();
        assertTrue(volumes == null || volumes.stream().noneMatch(v -> v.getName().equals("user-" + user + "-home")),
                "no volume");
    }

    private static MailctlRun.Result mailctl(String stdin, String... args) {
        return MailctlRun.run(StackSettings.IMAGE, stdin, args);
    }
}
