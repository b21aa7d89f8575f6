package org.mailstack.swarmtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;

/**
 * The main service as {@code swarm/stack.yml} deploys it, from the main-container image in the test swarm's registry:
 * the stack's environment, host-mode SMTP port, dnsrr endpoint on {@code mailstack-mail}, spool and state volumes,
 * the read-only Docker socket, the relay key as {@code relay_key} (0400), manager placement, memory limit and
 * restart policy. Two differences, both for the test: the socket is the manager node's own (on this machine
 * {@code /var/run/docker.sock} belongs to another engine), and the queue retries after 2 s, at most 5 s apart
 * ({@code MAILSTACK_RETRY_INITIAL}, {@code MAILSTACK_RETRY_MAX}; defaults 30 s and 1 h), so that a returning node
 * gets its mail within seconds. Only the SMTP port is published; 9090 (metrics) stays internal and is read with
 * {@code docker exec} in the container.
 */
final class MainService {
    private static final Duration START = Duration.ofMinutes(3);
    private static final Pattern QUEUE_DEPTH = Pattern.compile("(?m)^mailstack_queue_depth(?:\\{\\})? (\\S+)$");

    private final TestSwarm swarm;
    private final String name;
    private int smtp;

    private MainService(TestSwarm swarm, String name) {
        this.swarm = swarm;
        this.name = name;
    }

    /** Deploys the service on the manager and returns once its MX greets through a forward on 127.0.0.1. */
    static MainService deploy(TestSwarm swarm, String label, String relayKeySecret) {
        MainService main = new MainService(swarm, TestSwarm.uniqueName("main"));
        String socket = swarm.dockerHost(1).replaceFirst("^unix://", "");
        swarm.docker(1, "service", "create", "-d", "--name", main.name,
                "--label", TestSwarm.LABEL + "=" + label, "--hostname", "mail." + StackObjects.DOMAIN,
                "-e", "MAILSTACK_DOMAIN=" + StackObjects.DOMAIN, "-e", "MAILSTACK_HOSTNAME=mail." + StackObjects.DOMAIN,
                "-e", "MAILSTACK_NETWORK=mailstack-mail", "-e", "MAILSTACK_SMARTHOST=",
                "-e", "MAILSTACK_RETRY_INITIAL=2s", "-e", "MAILSTACK_RETRY_MAX=5s",
                "--publish", "mode=host,target=2525,published=25",
                "--mount", "type=volume,source=" + main.name + "-spool,target=/var/spool/mailstack",
                "--mount", "type=volume,source=" + main.name + "-state,target=/var/lib/mailstack",
                "--mount", "type=bind,source=" + socket + ",target=/var/run/docker.sock,readonly",
                "--secret", "source=" + relayKeySecret + ",target=relay_key,mode=0400",
                "--network", "mailstack-mail", "--endpoint-mode", "dnsrr",
                "--constraint", "node.role == manager", "--limit-memory", "512M",
                "--restart-condition", "any", "--restart-delay", "2s",
                swarm.registry() + "/mailstack/main-container:latest");
        main.smtp = swarm.forward(swarm.address(1), 25);
        try {
            await().atMost(START).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                    .until(main::banner, banner -> banner.startsWith("220"));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no SMTP banner from the main service within " + START + ":\n"
                    + swarm.diagnose(main.name), e);
        }
        return main;
    }

    private String banner() throws IOException {
        try (LineClient client = new LineClient(smtp, 10_000)) {
            return client.smtpReply();
        }
    }

    /** Sends one message to {@code box@USER.DOMAIN} through the MX (port 25) and checks every reply. */
    void send(String user, String subject, String marker) throws IOException {
        try (LineClient client = new LineClient(smtp, 60_000)) {
            expect("220", client.smtpReply());
            expect("250", client.smtp("EHLO sender.example.org"));
            expect("250", client.smtp("MAIL FROM:<sender@example.org>"));
            expect("250", client.smtp("RCPT TO:<box@" + user + "." + StackObjects.DOMAIN + ">"));
            expect("354", client.smtp("DATA"));
            client.send("From: <sender@example.org>");
            client.send("To: <box@" + user + "." + StackObjects.DOMAIN + ">");
            client.send("Subject: " + subject);
            client.send("X-Swarm-Test: " + marker);
            client.send("");
            client.send("Sent to the main service of the test swarm.");
            expect("250", client.smtp("."));
            client.smtp("QUIT");
        }
    }

    private static void expect(String code, String reply) {
        assertTrue(reply.startsWith(code), "expected " + code + ", got: " + reply);
    }

    /**
     * The queue depth from the main container's {@code /metrics} on 9090, read inside its container on the manager
     * (bash's /dev/tcp: the image has no HTTP client, and the port is never published).
     */
    double queueDepth() {
        String container = swarm.docker(1, "ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + name)
                .strip();
        String metrics = swarm.docker(1, "exec", container, "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9090 && "
                + "printf 'GET /metrics HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && timeout 10 cat <&3");
        Matcher m = QUEUE_DEPTH.matcher(metrics.replace("\r", ""));
        if (!m.find()) {
            throw new AssertionError("no mailstack_queue_depth in /metrics:\n" + metrics);
        }
        return Double.parseDouble(m.group(1));
    }

    /** Removes the service and its volumes (on the manager, once its container is gone). */
    void remove() {
        swarm.removeService(name);
        List<String> volumes = List.of(name + "-spool", name + "-state");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> volumes.stream().allMatch(v -> swarm.tryDocker(1, "volume", "rm", v).code() == 0
                        || !swarm.docker(1, "volume", "ls", "-q").contains(v)));
    }
}
