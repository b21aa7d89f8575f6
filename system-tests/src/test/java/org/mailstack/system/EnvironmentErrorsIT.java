package org.mailstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./mailstack} on a bad machine: each case fails before changing anything, with its exit code and a message
 * that says what to do next.
 */
class EnvironmentErrorsIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Test
    void notRootAndNoDockerSaysWhatToInstall(@TempDir Path bin, @TempDir Path copy) throws Exception {
        linkCommandsExceptDocker(bin);
        Command.Result result = Command.run(TIMEOUT, null, Map.of("PATH", bin.toString()),
                "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", readableCopy(copy), "setup");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("needs root").contains("apt-get install docker.io");
    }

    @Test
    void notRootWithoutAccessToTheSocketSaysHowToGetIt(@TempDir Path copy) throws Exception {
        Command.Result result = Command.run(TIMEOUT,
                "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", readableCopy(copy), "setup");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("docker.sock").contains("'docker' group");
    }

    @Test
    void aTakenPortIsNamedWithTheSettingThatMovesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Command.Result result = Command.run(TIMEOUT, null,
                    Map.of("MAILSTACK_HOST_SMTP_PORT", String.valueOf(port)), "./mailstack", "up");
            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.output()).contains("port " + port + " is already in use")
                    .contains("MAILSTACK_HOST_SMTP_PORT=");
        }
    }

    @Test
    void anRspamdResolverThatIsNoAddressIsBadUsage() throws Exception {
        Command.Result result = Command.run(TIMEOUT, null, Map.of("MAILSTACK_SPAM_FILTER", "on",
                "MAILSTACK_RSPAMD_DNS", "10.0.0.53:53,dns.example:53"), "./mailstack", "up");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("MAILSTACK_RSPAMD_DNS must be address[:port] entries")
                .contains("'dns.example:53'").doesNotContain("Building");
    }

    @Test
    void aPortThatIsNoNumberIsBadUsage() throws Exception {
        Command.Result result = Command.run(TIMEOUT, null, Map.of("MAILSTACK_HOST_IMAP_PORT", "imap"),
                "./mailstack", "up");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("MAILSTACK_HOST_IMAP_PORT must be a port number");
    }

    @Test
    void theOldNameOfAHostPortStillMovesItWithAWarning() throws Exception {
        Command.Result result = Command.run(TIMEOUT, null, Map.of("MAILSTACK_IMAPS_PORT", "imaps"),
                "./mailstack", "up");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("MAILSTACK_IMAPS_PORT is deprecated")
                .contains("MAILSTACK_HOST_IMAPS_PORT must be a port number, not 'imaps'");
    }

    @Test
    void aMalformedIpv6PrefixIsBadUsageNamingTheSetting() throws Exception {
        Command.Result result = Command.run(TIMEOUT, null, Map.of("MAILSTACK_IPV6_PREFIX", "2001:db8::/40"),
                "./mailstack", "up");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("MAILSTACK_IPV6_PREFIX '2001:db8::/40'").contains("48 to 64");
        assertThat(result.output()).doesNotContain("Building");
    }

    @Test
    void anIpv6PrefixOnAHostThatDoesNotForwardSaysWhatToSet() throws Exception {
        Assumptions.assumeTrue("0".equals(Files.readString(Path.of("/proc/sys/net/ipv6/conf/all/forwarding")).strip()),
                "this host forwards IPv6 already (Ipv6HostChecksIT covers the check in a namespace of its own)");
        Command.Result result = Command.run(TIMEOUT, null, Map.of("MAILSTACK_IPV6_PREFIX", "2001:db8:7::/64"),
                "./mailstack", "up");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("sysctl -w net.ipv6.conf.all.forwarding=1");
        assertThat(result.output()).doesNotContain("Building");
    }

    @Test
    void tooLittleDiskSpaceIsRefusedBeforeBuilding() throws Exception {
        // Asking for more room than any disk has exercises the real check on the real Docker data directory.
        Command.Result result = Command.run(TIMEOUT, null, Map.of("MAILSTACK_MIN_FREE_MB", "999999999"),
                "./mailstack", "up");
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.output()).contains("MiB free").contains("docker system prune");
        assertThat(result.output()).doesNotContain("Building");
    }

    /**
     * {@code ./mailstack} and its shell library copied where an unprivileged user can read them (the checkout may
     * sit in a directory only root can enter); returns the copy's path.
     */
    private static String readableCopy(Path dir) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("scripts/lib"));
        try (DirectoryStream<Path> scripts = Files.newDirectoryStream(Command.ROOT.resolve("scripts/lib"), "*.sh")) {
            for (Path script : scripts) {
                Files.copy(script, lib.resolve(script.getFileName()));
            }
        }
        Path mailstack = Files.copy(Command.ROOT.resolve("mailstack"), dir.resolve("mailstack"));
        for (Path p : List.of(dir, dir.resolve("scripts"), lib)) {
            p.toFile().setReadable(true, false);
            p.toFile().setExecutable(true, false);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(lib)) {
            files.forEach(f -> f.toFile().setReadable(true, false));
        }
        mailstack.toFile().setReadable(true, false);
        mailstack.toFile().setExecutable(true, false);
        return mailstack.toString();
    }

    /** A PATH with every command of this machine except Docker's, as on a machine where Docker is not installed. */
    private static void linkCommandsExceptDocker(Path bin) throws IOException {
        for (String dir : List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
            Path path = Path.of(dir);
            if (!Files.isDirectory(path)) {
                continue;
            }
            try (DirectoryStream<Path> commands = Files.newDirectoryStream(path)) {
                for (Path command : commands) {
                    String name = command.getFileName().toString();
                    Path link = bin.resolve(name);
                    if (!name.startsWith("docker") && !name.startsWith("containerd") && !Files.exists(link)) {
                        Files.createSymbolicLink(link, command);
                    }
                }
            }
        }
        bin.toFile().setReadable(true, false);
        bin.toFile().setExecutable(true, false);
    }
}
