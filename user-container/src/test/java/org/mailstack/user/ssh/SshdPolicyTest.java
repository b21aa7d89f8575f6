package org.mailstack.user.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image's sshd configuration and entrypoint hold the rules of ADR 11: who may log in, how, with what throttling,
 * and that nothing leaves the container through sshd. {@code SshAccessIT} checks the running behaviour.
 */
class SshdPolicyTest {
    private static final Path DOCKER = Path.of("docker", "ssh");
    private static final Map<String, String> CONFIG = new HashMap<>();
    private static String entrypoint;

    @BeforeAll
    static void read() throws IOException {
        for (String line : Files.readAllLines(DOCKER.resolve("sshd_config"))) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                String[] kv = l.split("\\s+", 2);
                CONFIG.put(kv[0].toLowerCase(Locale.ROOT), kv.length > 1 ? kv[1] : "");
            }
        }
        entrypoint = Files.readString(DOCKER.resolve("entrypoint.sh"));
    }

    private static String get(String key) {
        return CONFIG.get(key.toLowerCase(Locale.ROOT));
    }

    @Test
    void onlyBoxLogsInWithItsPasswordHashOrTheAdministratorsKeys() {
        Map<String, String> expected = Map.of("AllowUsers", "box", "PermitRootLogin", "no",
                "PermitEmptyPasswords", "no", "KbdInteractiveAuthentication", "no", "UsePAM", "no",
                "AuthorizedKeysFile", "/etc/ssh/authorized_keys/%u", "HostKey", "/home/box/.ssh/host_key",
                "Port", "2222");
        expected.forEach((key, value) -> assertEquals(value, get(key), key));
    }

    @Test
    void nothingLeavesTheContainerThroughSshd() {
        for (String key : new String[] {"AllowTcpForwarding", "AllowStreamLocalForwarding", "AllowAgentForwarding",
                "X11Forwarding", "PermitTunnel", "GatewayPorts", "PermitUserEnvironment", "PermitUserRC"}) {
            assertEquals("no", get(key), key);
        }
    }

    @Test
    void failedLoginsAreThrottled() {
        assertTrue(Integer.parseInt(get("MaxAuthTries")) <= 3);
        assertTrue(Integer.parseInt(get("PerSourceMaxStartups")) <= 2);
        assertTrue(Integer.parseInt(get("LoginGraceTime")) <= 30);
        assertTrue(entrypoint.contains("--hashlimit-mode srcip"), "per-source connection limit");
    }

    @Test
    void theEntrypointConfinesSessionsBeforeSshdAndDropsEveryCapabilityForTheJvm() {
        int firewall = entrypoint.indexOf("-m owner --uid-owner box -j REJECT");
        int sshd = entrypoint.indexOf("/usr/sbin/sshd -D");
        assertTrue(firewall > 0 && sshd > firewall, "the owner rule comes before sshd starts");
        assertTrue(entrypoint.contains("--bounding-set=-net_admin /usr/sbin/sshd"), "sshd runs without NET_ADMIN");
        assertTrue(entrypoint.contains("exec setpriv --reuid=mailer --regid=box --clear-groups --inh-caps=-all"
                + " --bounding-set=-all --no-new-privs"), "the JVM runs as mailer with no capabilities");
        assertTrue(entrypoint.contains("test -r \"$secrets/relay_secret\""), "sshd stays off if box can read it");
    }
}
