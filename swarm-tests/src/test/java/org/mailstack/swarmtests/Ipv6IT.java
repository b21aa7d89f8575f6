package org.mailstack.swarmtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dual stack as the run command sets it up (ADR 14), on the test swarm whose nodes each have a routed /64 and whose
 * "outside" host reaches them over IPv6 only: {@code scripts/lib/ipv6.sh setup} on the manager, the real stack
 * files ({@code swarm/stack.yml} + {@code swarm/stack.ipv6.yml}), accounts made by the real mailctl. From outside,
 * with Python's smtplib and imaplib and OpenSSH: SMTP to the main system's own address, IMAP and SSH on the
 * account's own address, the open-relay probes refused, and the main container's log naming the outside host's own
 * address. An account re-created on another node cannot keep its address (each node has its own routed prefix); it
 * keeps its interface identifier, and {@code mailctl dns} prints the new AAAA.
 */
@ExtendWith(TestSwarm.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Ipv6IT {
    private static final String OUTSIDE = "2001:db8:0:ff::2";
    private static final String STACK = "mailstack";
    private static final String MAIN = STACK + "_main";
    private static final Duration CLIENT_LIMIT = Duration.ofSeconds(60);
    private static final Duration DELIVERY = Duration.ofSeconds(120);
    private static final String USER = "v6" + TestSwarm.uniqueName("").replaceAll("[^a-z0-9]", "").substring(0, 6);
    private static final String PASSWORD = "password of " + USER;

    private static TestSwarm swarm;
    private static String mainAddress;
    private static String relayKeySecret;

    @BeforeAll
    static void stackWithIpv6(TestSwarm testSwarm) {
        swarm = testSwarm;
        relayKeySecret = StackObjects.ensure(swarm, "ipv6");
        Path root = swarm.root();
        Shell.Result setup = swarm.onNode(1, Duration.ofMinutes(2), List.of(),
                root.resolve("scripts/lib/ipv6.sh").toString(), "setup", swarm.prefix6(1));
        assertEquals(0, setup.code(), "ipv6.sh setup:\n" + setup.output());
        String[] lines = setup.output().strip().split("\n");
        mainAddress = lines[lines.length - 1].strip();
        assertEquals(canonical(swarm.prefix6(1).replace("/64", "") + "25"), canonical(mainAddress));

        List<String> env = new ArrayList<>(List.of(
                "MAILSTACK_MAIN_IMAGE=" + swarm.registry() + "/mailstack/main-container:latest",
                "MAILSTACK_DOMAIN=" + StackObjects.DOMAIN, "MAILSTACK_HOSTNAME=mail." + StackObjects.DOMAIN,
                "MAILSTACK_HOST_SMTP_PORT=25", "MAILSTACK_HOST_SUBMISSIONS_PORT=465",
                "MAILSTACK_HOST_SUBMISSION_PORT=587", "MAILSTACK_HOST_IMAP_PORT=143", "MAILSTACK_HOST_IMAPS_PORT=993",
                "MAILSTACK_HOST_HTTPS_PORT=443",
                "MAILSTACK_TLS_DIR=" + tlsDir(), "MAILSTACK_RELAY_KEY_SECRET=" + relayKeySecret,
                // The manager's own engine: on this machine /var/run/docker.sock belongs to another one.
                "MAILSTACK_DOCKER_SOCKET=" + swarm.dockerHost(1).replaceFirst("^unix://", ""),
                "MAILSTACK_IPV6_MAIN_ADDRESS=" + mainAddress));
        Shell.Result deploy = swarm.onNode(1, Duration.ofMinutes(2), env, "docker", "stack", "deploy",
                "--resolve-image", "never", "-c", root.resolve("swarm/stack.yml").toString(),
                "-c", root.resolve("swarm/stack.ipv6.yml").toString(), STACK);
        assertEquals(0, deploy.code(), "docker stack deploy:\n" + deploy.output());
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(3))
                    .until(() -> smtpBanner(mainAddress).startsWith("220"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the main system did not answer on [" + mainAddress + "]:25 from outside:\n"
                    + swarm.diagnose(MAIN), e);
        }
    }

    private static String tlsDir() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "mailstack-ipv6-it-tls");
        dir.toFile().mkdirs();
        return dir.toString();
    }

    @AfterAll
    static void removeStack() {
        if (swarm == null) {
            return;
        }
        StackObjects.deleteAccount(swarm, USER, 1, 2);
        swarm.tryDocker(1, "stack", "rm", STACK);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> swarm.docker(1, "ps", "-q", "--filter", "label=com.docker.stack.namespace=" + STACK)
                        .isBlank());
        for (String volume : List.of(STACK + "_spool", STACK + "_state", STACK + "_directory")) {
            swarm.tryDocker(1, "volume", "rm", volume);
        }
        // The other test classes share this swarm and create accounts without IPv6: leave no routed network.
        removeNetwork(1, "mailstack-v6");
        removeNetwork(1, "mailstack-v6-local");
        removeNetwork(2, "mailstack-v6-local");
    }

    /** Removes a network, retrying while a container that used it is still going away. */
    private static void removeNetwork(int node, String name) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> swarm.tryDocker(node, "network", "rm", name).code() == 0
                        || swarm.docker(node, "network", "ls", "--format", "{{.Name}}").lines()
                                .noneMatch(name::equals));
    }

    @Test
    @Order(1)
    void mailSentOverIpv6ToTheMainSystemIsReadOverIpv6FromTheAccountsOwnAddressWithImapAndSsh() {
        StackObjects.createAccount(swarm, USER, 1);
        String address = accountAddress();
        assertEquals(network(swarm.prefix6(1)), network(address), "the account's address " + address);
        assertEquals("a", groups(address)[4], "the account range P:a::/80: " + address);

        String subject = "over IPv6 " + USER;
        Shell.Result sent = client("send", mainAddress, "box@" + USER + "." + StackObjects.DOMAIN, subject);
        assertEquals(0, sent.code(), sent.output());
        assertTrue(sent.output().startsWith("250"), sent.output());

        for (String port : List.of("143", "993")) {
            await("the message over IMAP on [" + address + "]:" + port).atMost(DELIVERY)
                    .pollInterval(Duration.ofSeconds(3))
                    .until(() -> client("imap", address, port, "box@" + USER + "." + StackObjects.DOMAIN, PASSWORD,
                            subject).output().strip(), "1"::equals);
        }

        Shell.Result ssh = swarm.outside(CLIENT_LIMIT, "sshpass", "-p", PASSWORD, "ssh", "-o",
                "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=15",
                "-o", "LogLevel=ERROR", "box@" + address, "grep -rl 'Subject: " + subject + "' Maildir | wc -l");
        assertEquals(0, ssh.code(), "ssh box@" + address + ":\n" + ssh.output());
        assertEquals("1", ssh.output().strip(), "the message as the owner sees it over SSH");
    }

    @Test
    @Order(2)
    void everyProtocolOfTheMainSystemAnswersOnItsStandardPortOverIpv6() {
        Shell.Result r = client("banners", mainAddress, "25", "465", "587", "143", "993", "443");
        assertEquals(0, r.code(), r.output());
        String out = r.output();
        for (String expected : List.of("(?m)^25 220 .*", "(?m)^465 TLSv1\\.[23] 220 .*", "(?m)^587 220 .*",
                "(?m)^143 \\* OK .*", "(?m)^993 TLSv1\\.[23] \\* OK .*", "(?m)^443 TLSv1\\.[23] HTTP/1\\.1 .*")) {
            assertTrue(Pattern.compile(expected).matcher(out).find(), expected + " in:\n" + out);
        }
    }

    @Test
    @Order(3)
    void openRelayProbesOverIpv6AreRefusedAndTheLogNamesTheClientsOwnAddress() throws UnknownHostException {
        Shell.Result probes = client("probes", mainAddress, USER, StackObjects.DOMAIN);
        assertEquals(0, probes.code(), probes.output());
        List<String> lines = probes.output().strip().lines().toList();
        assertEquals(15, lines.size(), probes.output());
        for (String line : lines) {
            assertTrue(line.matches("^\\S+ 5\\d\\d .*"), "an unauthenticated relay attempt was not refused: " + line);
        }

        String log = swarm.docker(1, "service", "logs", "--raw", MAIN);
        Matcher refused = Pattern.compile("refused relay_denied from \\[([0-9a-f:]+)]").matcher(log);
        List<InetAddress> clients = new ArrayList<>();
        while (refused.find()) {
            clients.add(InetAddress.getByName(refused.group(1)));
        }
        assertFalse(clients.isEmpty(), "no refusal in the main container's log:\n" + tail(log));
        assertTrue(clients.stream().allMatch(InetAddress.getByName(OUTSIDE)::equals),
                "the log names " + clients + ", not the outside host " + OUTSIDE);
    }

    @Test
    @Order(4)
    void anAccountRecreatedOnAnotherNodeKeepsItsInterfaceIdentifierAndTheDnsFollows() {
        String before = accountAddress();
        Shell.Result deleted = StackObjects.mailctl(swarm, "", "delete", USER, "--purge", "--yes");
        assertEquals(0, deleted.code(), deleted.output());
        // What the guide has the operator do on each node with a routed prefix (the test swarm labelled it).
        Shell.Result node = swarm.onNode(2, Duration.ofMinutes(1), List.of(),
                swarm.root().resolve("scripts/lib/ipv6.sh").toString(), "node", swarm.prefix6(2));
        assertEquals(0, node.code(), "ipv6.sh node on node 2:\n" + node.output());
        assertTrue(node.output().contains("--label-add org.mailstack.ipv6-prefix="), node.output());
        StackObjects.createAccount(swarm, USER, 2);
        String after = accountAddress();

        assertEquals(network(swarm.prefix6(2)), network(after), after + " is in node 2's prefix");
        assertEquals(interfaceId(before), interfaceId(after), "the interface identifier of " + before + " and " + after);
        Shell.Result dns = StackObjects.mailctl(swarm, "", "dns");
        assertEquals(0, dns.code(), dns.output());
        assertTrue(dns.output().matches("(?s).*" + USER + "\\." + StackObjects.DOMAIN.replace(".", "\\.")
                + "\\.\\s+\\d+ IN AAAA\\s+" + Pattern.quote(after) + "\\b.*"), dns.output());
        assertTrue(dns.output().matches("(?s).*mail\\.example\\.test\\.\\s+\\d+ IN AAAA\\s+\\S+.*"),
                "the mail host's AAAA from the main service:\n" + dns.output());

        await("IMAP on the new address [" + after + "]").atMost(DELIVERY).pollInterval(Duration.ofSeconds(3))
                .until(() -> client("imap", after, "143", "box@" + USER + "." + StackObjects.DOMAIN, PASSWORD,
                        "nothing").output().strip(), "0"::equals);
    }

    private static String accountAddress() {
        String label = swarm.docker(1, "service", "inspect", "--format",
                "{{index .Spec.Labels \"org.mailstack.ipv6\"}}", "user-" + USER).strip();
        assertFalse(label.isEmpty(), "user-" + USER + " has no org.mailstack.ipv6 label");
        return label;
    }

    /** The eight groups of an address or of a prefix's address part, as Java writes them (no zero compression). */
    private static String[] groups(String address) {
        try {
            return InetAddress.getByName(address.replaceFirst("/\\d+$", "")).getHostAddress().split(":");
        } catch (UnknownHostException e) {
            throw new AssertionError(address + " is not an address", e);
        }
    }

    private static String network(String address) {
        return String.join(":", Arrays.copyOfRange(groups(address), 0, 4));
    }

    private static String interfaceId(String address) {
        return String.join(":", Arrays.copyOfRange(groups(address), 4, 8));
    }

    private static String canonical(String address) {
        return String.join(":", groups(address));
    }

    private static String smtpBanner(String address) {
        Shell.Result r = swarm.outside(CLIENT_LIMIT, "timeout", "15", "bash", "-c",
                "exec 3<>/dev/tcp/" + address + "/25 && read -r -t 10 line <&3 && echo \"$line\"");
        return r.output().strip();
    }

    private static Shell.Result client(String... args) {
        List<String> command = new ArrayList<>(List.of("python3", clientScript()));
        command.addAll(List.of(args));
        return swarm.outside(CLIENT_LIMIT, command.toArray(String[]::new));
    }

    private static String clientScript() {
        try {
            return Path.of(Ipv6IT.class.getResource("/ipv6_client.py").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(String log) {
        return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
    }
}
