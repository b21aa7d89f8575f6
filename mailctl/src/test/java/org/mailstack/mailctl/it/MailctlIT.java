package org.mailstack.mailctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.mailctl.account.StackSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * mailctl against the real engine: accounts are real swarm services of the user-container image (or, with
 * {@code -Dmailctl.it.image=standin}, of a stand-in that only checks its configuration and answers 220).
 * Account names start with this run's random prefix; everything is deleted at the end.
 */
class MailctlIT {
    static final String PASSWORD = "it password 1234\n";
    static final int PARALLEL = 20;

    static final String PREFIX = "itmc" + HexFormat.of().formatHex(ByteBuffer.allocate(4)
            .putInt(new SecureRandom().nextInt()).array()).substring(0, 6);
    static final Set<String> CREATED = ConcurrentHashMap.newKeySet();
    static ItDocker docker;
    static String image;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void engineAndImage() throws Exception {
        docker = new ItDocker(PREFIX);
        String reason = docker.unusableReason();
        Assumptions.assumeTrue(reason == null, () -> "skipped: " + reason);
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
                Path.of("").toAbsolutePath().getParent().toString()));
        String wanted = System.getProperty("mailctl.it.image", StackSettings.IMAGE);
        String problem = null;
        if (wanted.equals("standin")) {
            image = ItDocker.STANDIN_IMAGE + ":latest";
            problem = docker.buildStandinImage(root, Path.of("target/test-classes").toAbsolutePath());
        } else {
            image = wanted;
            if (!docker.imageExists(image)) {
                problem = docker.buildRealImage(root);
            }
        }
        String why = problem;
        Assumptions.assumeTrue(why == null, () -> "skipped: image " + image + " unavailable: " + why);
        docker.ensureStack();
    }

    @AfterAll
    static void removeEverything() throws Exception {
        if (docker == null) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Result>> deletes = new ArrayList<>();
            for (String user : CREATED) {
                deletes.add(pool.submit(() -> mailctl("", "delete", user, "--purge", "--yes")));
            }
            for (Future<Result> f : deletes) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            docker.removeAccounts(PREFIX);
            if (image != null && image.startsWith(ItDocker.STANDIN_IMAGE)) {
                docker.removeImage(image);
            }
            docker.close();
        }
    }

    static String user(String suffix) {
        String name = PREFIX + "-" + suffix;
        CREATED.add(name);
        return name;
    }

    static Result mailctl(String stdin, String... args) {
        MailctlRun.Result r = MailctlRun.run(image, stdin, args);
        return new Result(r.code(), r.out(), r.err());
    }

    static Result create(String user, int timeoutSeconds) {
        return mailctl(PASSWORD, "create", user, "--password-stdin", "--timeout", Integer.toString(timeoutSeconds));
    }

    static JsonNode listJson() throws IOException {
        Result list = mailctl("", "list", "--json");
        assertEquals(0, list.code(), list.err());
        return new ObjectMapper().readTree(list.out());
    }

    static JsonNode find(JsonNode accounts, String user) {
        for (JsonNode a : accounts) {
            if (a.get("user").asText().equals(user)) {
                return a;
            }
        }
        return null;
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void createThenListShowsItHealthyThenDeleteLeavesAnArchive(@TempDir Path archives) throws IOException {
        String user = user("a");
        Result created = create(user, 120);
        assertEquals(0, created.code(), created.err());
        assertTrue(created.out().contains("box@" + user + ".example.test"), created.out());

        JsonNode account = find(listJson(), user);
        assertNotNull(account);
        assertEquals("running", account.get("state").asText());
        assertEquals("healthy", account.get("health").asText());
        assertFalse(account.get("maildirBytes").isNull(), "the helper measured the volume: " + account);

        Result deleted = mailctl("", "delete", user, "--archive-dir", archives.toString());
        assertEquals(0, deleted.code(), deleted.err());
        Path archive = Path.of(deleted.out().strip());
        assertTrue(Files.size(archive) > 0);
        assertTrue(tarNames(archive).stream().anyMatch(n -> n.startsWith("box/Maildir")), tarNames(archive).toString());
        assertFalse(docker.client.listVolumesCmd().exec().getVolumes().stream()
                .anyMatch(v -> v.getName().equals("user-" + user + "-home")), "volume removed");
        assertEquals(1, mailctl("", "show", user).code(), "unknown after delete");
        CREATED.remove(user);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void secondCreateOfTheSameNameExitsOneAndLeavesTheFirstIntact() throws IOException {
        String user = user("b");
        assertEquals(0, create(user, 120).code());
        Result again = create(user, 120);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already exists"), again.err());
        assertEquals("running", find(listJson(), user).get("state").asText());
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void passwdRotatesTheSecretAndTheContainerComesBackHealthy() throws IOException {
        String user = user("d");
        assertEquals(0, create(user, 120).code());
        List<String> before = accountSecretNames(user, "password");
        Result changed = mailctl("another password 5678\n", "passwd", user, "--password-stdin", "--timeout", "120");
        assertEquals(0, changed.code(), changed.err());
        List<String> after = accountSecretNames(user, "password");
        assertEquals(1, after.size(), after.toString());
        assertFalse(before.contains(after.get(0)), before + " -> " + after);
        assertEquals("healthy", find(listJson(), user).get("health").asText());
    }

    /** The account's secrets of one role ({@code password}, {@code relay-secret}, ...). */
    static List<String> accountSecretNames(String user, String role) {
        return docker.client.listSecretsCmd().exec().stream()
                .filter(s -> s.getSpec().getLabels() != null
                        && user.equals(s.getSpec().getLabels().get("org.mailstack.account"))
                        && role.equals(s.getSpec().getLabels().get("org.mailstack.role")))
                .map(s -> s.getSpec().getName()).toList();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void twoConcurrentCreatesOfOneNameExactlyOneSucceeds() throws Exception {
        String user = user("c");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Result>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return create(user, 120);
                }));
            }
            start.countDown();
            Result a = results.get(0).get(3, TimeUnit.MINUTES);
            Result b = results.get(1).get(3, TimeUnit.MINUTES);
            assertEquals(Set.of(0, 1), Set.of(a.code(), b.code()), a.err() + "\n---\n" + b.err());
            Result loser = a.code() == 1 ? a : b;
            assertTrue(loser.err().contains("already exists"), loser.err());
        } finally {
            pool.shutdownNow();
        }
        JsonNode account = find(listJson(), user);
        assertEquals("healthy", account.get("health").asText());
        assertEquals(1, accountSecretNames(user, "password").size(), "only the winner's password secret is left");
        assertEquals(1, accountSecretNames(user, "relay-secret").size(), "only the winner's relay secret is left");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void twentyAccountsCreatedInParallelAreAllHealthyAndListed() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            users.add(user("p" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<Result>> results = new ArrayList<>();
            for (String u : users) {
                results.add(pool.submit(() -> create(u, 420)));
            }
            for (int i = 0; i < PARALLEL; i++) {
                Result r = results.get(i).get(8, TimeUnit.MINUTES);
                assertEquals(0, r.code(), users.get(i) + ": " + r.err());
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode accounts = listJson();
        for (String u : users) {
            JsonNode a = find(accounts, u);
            assertNotNull(a, u + " listed");
            assertEquals("running", a.get("state").asText(), a.toString());
            assertEquals("healthy", a.get("health").asText(), a.toString());
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void createKilledHalfWayIsRepairedByCreateAgain() throws Exception {
        String user = user("k");
        Path jar = Path.of("target/app/mailctl.jar").toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(jar), "the packaged CLI is needed to kill a create mid-way");
        Process p = new ProcessBuilder("java", "-jar", jar.toString(), "--image=" + image,
                "--data-dir=" + MailctlRun.DATA_DIR, "create", user,
                "--password-stdin").redirectErrorStream(true).start();
        p.getOutputStream().write(PASSWORD.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        var lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        boolean storing = false;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("Storing the account's relay secret and password hash")) {
                storing = true;
                break;
            }
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(storing, "the create got as far as the secret");

        Result again = create(user, 120);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("Reusing volume"), again.err());
        assertEquals(1, accountSecretNames(user, "password").size(), "the killed create's secret was removed");
        assertEquals(1, accountSecretNames(user, "relay-secret").size(), "the killed create's relay secret too");
        assertEquals("healthy", find(listJson(), user).get("health").asText());
    }

    /** Entry names of a tar archive. */
    static List<String> tarNames(Path archive) throws IOException {
        return new ArrayList<>(tarFiles(archive).keySet());
    }

    /**
     * Entries of a tar archive with their contents (POSIX ustar headers; pax extended headers, which Docker writes
     * only for long names, show up as entries of their own).
     */
    static Map<String, String> tarFiles(Path archive) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(archive)) {
            while (true) {
                byte[] header = in.readNBytes(512);
                if (header.length < 512 || header[0] == 0) {
                    return files;
                }
                String name = new String(header, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
                String prefix = new String(header, 345, 155, StandardCharsets.UTF_8).replace("\0", "");
                long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII)
                        .replace("\0", "").strip(), 8);
                byte[] data = in.readNBytes((int) size);
                in.skipNBytes((size + 511) / 512 * 512 - size);
                files.put(prefix.isEmpty() ? name : prefix + "/" + name, new String(data, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void deliveredMessageIsListedArchivedOnDeleteAndGoneAfterCreateAgain(@TempDir Path archives) throws IOException {
        Assumptions.assumeFalse(image.startsWith(ItDocker.STANDIN_IMAGE), "the stand-in image has no SMTP receiver");
        String user = user("m");
        assertEquals(0, create(user, 120).code());
        String body = "hello from " + PREFIX;
        assertTrue(new OverlaySender(docker.client, PREFIX).send("user-" + user, "box@" + user + ".example.test",
                body, image, Duration.ofSeconds(120)), "the container accepted the message");
        assertEquals(1, find(listJson(), user).get("messages").asLong());

        Result deleted = mailctl("", "delete", user, "--archive-dir", archives.toString());
        assertEquals(0, deleted.code(), deleted.err());
        var files = tarFiles(Path.of(deleted.out().strip()));
        assertTrue(files.entrySet().stream().anyMatch(e -> e.getKey().matches("box/Maildir/(new|cur)/.+")
                && e.getValue().contains(body)), files.keySet().toString());

        assertEquals(0, create(user, 120).code());
        assertEquals(0, find(listJson(), user).get("messages").asLong(), "a new account starts empty");
    }
}
