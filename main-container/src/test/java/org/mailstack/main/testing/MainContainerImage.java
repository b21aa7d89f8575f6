package org.mailstack.main.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;

/**
 * The main container image under test. Published ports are bound to 127.0.0.1 only; every container carries the
 * label {@link #TEST_LABEL} with a run-unique value so a leftover can be traced and removed.
 */
public final class MainContainerImage extends GenericContainer<MainContainerImage> {
    public static final String IMAGE = "mailstack/main-container:latest";
    public static final String TEST_LABEL = "org.mailstack.test";
    public static final int SMTP = 2525;
    public static final int SUBMISSION = 5587;
    public static final int SUBMISSIONS = 4465;
    public static final int IMAP = 1143;
    public static final int IMAPS = 1993;
    public static final int ADMIN = 9090;
    public static final String RUN_ID = "main-it-" + UUID.randomUUID().toString().substring(0, 8);

    private boolean dockerSocket;

    /**
     * Mounts the engine's socket read-only, as the stack does, so the account directory sees real service labels.
     * (Set through the create command: Testcontainers' own file-system bind would try to pull a helper image.)
     */
    public MainContainerImage withDockerSocket() {
        dockerSocket = true;
        return this;
    }

    /** The host port bound to {@code containerPort} now (it changes when the container is restarted). */
    public int livePort(int containerPort) {
        var ports = getDockerClient().inspectContainerCmd(getContainerId()).exec().getNetworkSettings().getPorts()
                .getBindings().get(ExposedPort.tcp(containerPort));
        return Integer.parseInt(ports[0].getHostPortSpec());
    }

    /** Kills the container with SIGKILL (no shutdown at all) and starts it again with its volumes. */
    public void killAndRestart() {
        getDockerClient().killContainerCmd(getContainerId()).withSignal("KILL").exec();
        getDockerClient().startContainerCmd(getContainerId()).exec();
    }

    public MainContainerImage() {
        super(DockerImageName.parse(IMAGE));
        withExposedPorts(SMTP, SUBMISSION, SUBMISSIONS, IMAP, IMAPS, ADMIN);
        withLabel(TEST_LABEL, RUN_ID);
        withCreateContainerCmdModifier(cmd -> {
            List<PortBinding> bindings = new ArrayList<>();
            for (int p : new int[] {SMTP, SUBMISSION, SUBMISSIONS, IMAP, IMAPS, ADMIN}) {
                bindings.add(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(p)));
            }
            cmd.getHostConfig().withPortBindings(bindings);
            if (dockerSocket) {
                cmd.getHostConfig().withBinds(new Bind("/var/run/docker.sock", new Volume("/var/run/docker.sock"),
                        AccessMode.ro));
            }
        });
        waitingFor(Wait.forLogMessage(".*main container for .* ready.*\\n", 1));
    }
}
