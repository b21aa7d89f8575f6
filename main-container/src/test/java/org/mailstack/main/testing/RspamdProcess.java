package org.mailstack.main.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's rspamd, started by a test on 127.0.0.1 with a configuration of its own: the stack's shipped
 * {@code local.d} (docker/rspamd/local.d), and test overrides in {@code override.d}: the normal and controller
 * workers on ephemeral loopback ports, the proxy off, DNS asked only of the test's {@link TestDns}, loopback clients
 * checked like any other (SPF, DMARC), and the modules that only talk to public services (fuzzy storage, DNS
 * blocklists, phishing feeds, ASN) off. Nothing leaves the machine.
 * <p>
 * Started in the foreground ({@code -f}) as {@code _rspamd} when the test runs as root. Its hyperscan cache is kept
 * in {@code target/rspamd-db} between runs: the first start compiles for about a minute, later ones take seconds.
 */
public final class RspamdProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/rspamd");
    private static final Path SHIPPED = Path.of("..", "docker", "rspamd", "local.d");
    private static final Duration READY = Duration.ofMinutes(4);
    private final Path dir;
    private final Path db;
    private final int port;
    private final int controllerPort;
    private Process process;

    /** Writes the configuration under {@code dir}; rspamd asks {@code dnsPort} on 127.0.0.1 for every name. */
    public RspamdProcess(Path dir, int dnsPort) throws IOException {
        this(dir, dnsPort, null, null);
    }

    /**
     * As above, and: the Bayes classifier keeps its statistics in the redis on 127.0.0.1 at {@code bayesRedis}
     * (only the classifier: greylisting and the other redis modules stay off), and the controller requires
     * {@code controllerPassword} from every client, loopback included, as the stack's does from the main container.
     * Either may be null.
     */
    public RspamdProcess(Path dir, int dnsPort, Integer bayesRedis, String controllerPassword) throws IOException {
        this.dir = dir;
        this.db = Path.of("target", "rspamd-db").toAbsolutePath();
        this.port = freePort();
        this.controllerPort = freePort();
        Path local = Files.createDirectories(dir.resolve("local.d"));
        Path override = Files.createDirectories(dir.resolve("override.d"));
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(db);
        try (DirectoryStream<Path> shipped = Files.newDirectoryStream(SHIPPED)) {
            for (Path f : shipped) {
                Files.copy(f, local.resolve(f.getFileName()));
            }
        }
        write(override.resolve("worker-normal.inc"), "bind_socket = \"127.0.0.1:" + port + "\";\ncount = 1;\n");
        write(override.resolve("worker-controller.inc"), "bind_socket = \"127.0.0.1:" + controllerPort + "\";\n"
                + "count = 1;\n" + (controllerPassword == null ? ""
                        // no client is trusted without the password (Debian's default trusts loopback)
                        : "password = \"" + controllerPassword + "\";\nsecure_ip = \"192.0.2.254\";\n"));
        if (bayesRedis != null) {
            write(override.resolve("classifier-bayes.conf"), "servers = \"127.0.0.1:" + bayesRedis + "\";\n");
        }
        write(override.resolve("worker-proxy.inc"), "count = 0;\n");
        write(override.resolve("options.inc"), "dns {\n  nameserver = [\"127.0.0.1:" + dnsPort + "\"];\n"
                + "  timeout = 1s;\n  retransmits = 1;\n}\n"
                // the test's clients are on 127.0.0.1, which rspamd would otherwise exempt from SPF and DMARC
                + "check_local = true;\n");
        write(override.resolve("logging.inc"), "type = \"file\";\nfilename = \"" + dir.resolve("rspamd.log")
                + "\";\nlevel = \"info\";\n");
        for (String module : List.of("fuzzy_check", "rbl", "phishing", "asn", "url_redirector", "neural")) {
            write(override.resolve(module + ".conf"), "enabled = false;\n");
        }
        if (isRoot()) {
            chownTree(dir);
            chownTree(db);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The controller worker (learning, {@code /stat}). */
    public URI controllerUrl() {
        return URI.create("http://127.0.0.1:" + controllerPort);
    }

    /** Starts rspamd and waits until its normal worker answers {@code /ping}. */
    public RspamdProcess start() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "-f", "-c", "/etc/rspamd/rspamd.conf",
                "--var", "LOCAL_CONFDIR=" + dir, "--var", "RUNDIR=" + dir.resolve("run"),
                "--var", "DBDIR=" + db, "--var", "LOGDIR=" + dir));
        if (isRoot()) {
            cmd.addAll(List.of("-u", "_rspamd", "-g", "_rspamd"));
        }
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("rspamd.out").toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            await().atMost(READY).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IOException("rspamd exited with " + process.exitValue());
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(url().resolve("/ping"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    return r.statusCode() == 200 && r.body().contains("pong");
                } catch (IOException notYet) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            stop();
            throw new IOException("rspamd did not come up: " + e.getMessage() + "\n" + diagnostics(), e);
        }
        return this;
    }

    /** Stops rspamd and its workers and waits until they are gone. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        process = null;
    }

    /** The end of rspamd's log and output, for failure messages. */
    public String diagnostics() {
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("rspamd.out", "rspamd.log")) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve(f), StandardCharsets.UTF_8);
                sb.append("--- ").append(f).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())))
                        .append('\n');
            } catch (IOException e) {
                sb.append("--- ").append(f).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static void write(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** rspamd drops root for {@code _rspamd}, which must write its run, log and cache files there. */
    private static void chownTree(Path root) throws IOException {
        UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user;
        GroupPrincipal group;
        try {
            user = lookup.lookupPrincipalByName("_rspamd");
            group = lookup.lookupPrincipalByGroupName("_rspamd");
        } catch (UserPrincipalNotFoundException e) {
            throw new IOException("the rspamd package's user _rspamd is missing", e);
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Files.setOwner(p, user);
                Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(group);
            }
        }
    }
}
