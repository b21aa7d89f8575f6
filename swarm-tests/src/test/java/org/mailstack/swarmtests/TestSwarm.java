package org.mailstack.swarmtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The multi-node test swarm of {@code scripts/lib/test-swarm.sh}, brought up once per test run (the first test class
 * that uses it) and torn down when the run ends. Node 1 is the manager; node {@value #NODES} is labelled
 * {@code arch=armhf}; every node carries {@code org.mailstack.test-node=<n>}. Inject it as a test parameter.
 *
 * <p>The nodes live in network namespaces on a private subnet that exists nowhere else; tests reach a published port
 * only through {@link #forward}, which listens on 127.0.0.1.
 */
public final class TestSwarm implements BeforeAllCallback, ParameterResolver {
    /** Nodes in the test swarm. */
    public static final int NODES = 3;
    /** The node labelled {@code arch=armhf}. */
    public static final int ARM_NODE = NODES;
    /** The label tests put on the services, secrets and volumes they create. */
    public static final String LABEL = "org.mailstack.test";

    private static final Duration UP_LIMIT = Duration.ofMinutes(3);
    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(2);

    private final Path script;
    private final String prefix;

    private TestSwarm(Path script, String prefix) {
        this.script = script;
        this.prefix = prefix;
    }

    /** For {@code @ExtendWith}: JUnit needs a public no-argument constructor. */
    public TestSwarm() {
        this(scriptPath(), System.getenv().getOrDefault("TEST_SWARM_PREFIX", "10.250.0"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TestSwarm.class.getName(), key -> bringUp(), Running.class);
    }

    private Running bringUp() {
        Shell.runShowingProgress(UP_LIMIT, List.of(script.toString(), "up", String.valueOf(NODES)));
        return new Running(this);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestSwarm.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    /** Runs {@code docker ARGS} against node {@code node} (1 = the manager) and returns its output. */
    public String docker(int node, String... args) {
        return Shell.run(COMMAND_LIMIT, command(node, args));
    }

    /** Like {@link #docker} but returns the exit code and output instead of failing. */
    public Shell.Result tryDocker(int node, String... args) {
        return Shell.tryRun(COMMAND_LIMIT, command(node, args));
    }

    private List<String> command(int node, String... args) {
        List<String> command = new ArrayList<>(List.of(script.toString(), "docker", String.valueOf(node)));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** The nodes on which the service's tasks are running now (one entry per running task). */
    public List<String> runningNodes(String service) {
        List<String> nodes = new ArrayList<>();
        for (String line : docker(1, "service", "ps", service, "--filter", "desired-state=running",
                "--format", "{{.Node}}|{{.CurrentState}}").split("\n")) {
            String[] fields = line.split("\\|", 2);
            if (fields.length == 2 && fields[1].startsWith("Running")) {
                nodes.add(fields[0]);
            }
        }
        return nodes;
    }

    /** What the swarm says about a service (its tasks and its last log lines), for a failure message. */
    public String diagnose(String service) {
        return tryDocker(1, "service", "ps", "--no-trunc", service).output() + "\n"
                + tryDocker(1, "service", "logs", "--tail", "20", service).output();
    }

    /** Removes a service the test created; what is already gone is fine. */
    public void removeService(String service) {
        tryDocker(1, "service", "rm", service);
    }

    /** The Docker endpoint of node {@code node}, for clients such as {@code mailctl --docker-host}. */
    public String dockerHost(int node) {
        return Shell.run(COMMAND_LIMIT, List.of(script.toString(), "host", String.valueOf(node)));
    }

    /** The node's address on the test LAN. */
    public String address(int node) {
        return prefix + "." + (10 + node);
    }

    /** The node's name in the swarm (its hostname). */
    public String nodeName(int node) {
        return System.getenv().getOrDefault("TEST_SWARM_NAME", "msw") + "-n" + node;
    }

    /** The registry the nodes pull from; images are {@code registry()/mailstack/IMAGE:latest[-amd64|-armv7]}. */
    public String registry() {
        return prefix + ".1:5000";
    }

    /** Makes {@code address:port} on the test LAN reachable at 127.0.0.1 on a free port, which it returns. */
    public int forward(String address, int port) {
        int local = freePort();
        Shell.run(COMMAND_LIMIT, List.of(script.toString(), "forward", address + ":" + port, String.valueOf(local)));
        return local;
    }

    /** Unplugs node {@code node}'s cable into the test LAN. */
    public void cut(int node) {
        Shell.run(COMMAND_LIMIT, List.of(script.toString(), "cut", String.valueOf(node)));
    }

    /** Plugs node {@code node}'s cable back in. */
    public void heal(int node) {
        Shell.run(COMMAND_LIMIT, List.of(script.toString(), "heal", String.valueOf(node)));
    }

    /** The IPv6 /64 routed to node {@code node} (also its label {@code org.mailstack.ipv6-prefix}). */
    public String prefix6(int node) {
        return Shell.run(COMMAND_LIMIT, List.of(script.toString(), "prefix6", String.valueOf(node))).strip();
    }

    /** Runs a command on the outside host: a namespace that reaches the nodes' routed prefixes over IPv6 only. */
    public Shell.Result outside(Duration limit, String... command) {
        List<String> full = new ArrayList<>(List.of(script.toString(), "outside"));
        full.addAll(Arrays.asList(command));
        return Shell.tryRun(limit, full);
    }

    /**
     * Runs a command as node {@code node}'s host: in its network namespace, with {@code DOCKER_HOST} set to its
     * engine, plus the given environment ({@code KEY=value} entries).
     */
    public Shell.Result onNode(int node, Duration limit, List<String> environment, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", nodeName(node), "env",
                "DOCKER_HOST=" + dockerHost(node)));
        full.addAll(environment);
        full.addAll(Arrays.asList(command));
        return Shell.tryRun(limit, full);
    }

    /** The project's root directory (scripts, stack files). */
    public Path root() {
        return script.getParent().getParent().getParent();
    }

    /** A short unique name for objects a test creates. */
    public static String uniqueName(String what) {
        return "it-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static Path scriptPath() {
        String root = System.getProperty("mailstack.root", System.getProperty("user.dir") + "/..");
        Path script = Path.of(root, "scripts", "lib", "test-swarm.sh").normalize();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException(script + " not found or not executable (set -Dmailstack.root)");
        }
        return script;
    }

    /**
     * The swarm while the run lasts: closed by JUnit when the root context closes, unless {@code TEST_SWARM_KEEP=1}
     * (to run test classes again on a swarm that is already up; {@code test-swarm.sh down} removes it later).
     */
    private static final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final TestSwarm swarm;

        Running(TestSwarm swarm) {
            this.swarm = swarm;
        }

        @Override
        public void close() {
            if ("1".equals(System.getenv("TEST_SWARM_KEEP"))) {
                return;
            }
            Shell.runShowingProgress(UP_LIMIT, List.of(swarm.script.toString(), "down"));
        }
    }
}
