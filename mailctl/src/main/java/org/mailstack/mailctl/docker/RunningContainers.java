package org.mailstack.mailctl.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.mailstack.mailctl.MailctlException;

/**
 * The running container of a service on this node, for a backup: the secrets it mounts, read by {@code cat} run as
 * root inside it (the archive API does not see secret mounts: the engine adds them to the container's own mount
 * namespace only), and {@code docker pause}/{@code unpause} around the copy of its volume.
 */
final class RunningContainers {
    static final String SECRETS_DIR = "/run/secrets/";
    static final int EXEC_TIMEOUT_SECONDS = 30;
    /** Secrets mailctl makes are small (a hash, an authorized_keys file); more is not one of them. */
    static final int MAX_SECRET = 1 << 20;

    private final DockerCalls docker;
    private final DockerClient client;
    private final HelperContainers helpers;

    RunningContainers(DockerCalls docker, HelperContainers helpers) {
        this.docker = docker;
        this.client = docker.client();
        this.helpers = helpers;
    }

    Optional<byte[]> readSecret(String serviceName, String target) {
        if (!target.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a secret target: " + target);
        }
        List<Container> running = inState(serviceName, "running");
        if (running.isEmpty()) {
            return Optional.empty();
        }
        String id = running.get(0).getId();
        return docker.call("read the secret " + target + " of " + serviceName, () -> {
            String exec = client.execCreateCmd(id).withUser("root").withCmd("cat", "--", SECRETS_DIR + target)
                    .withAttachStdout(true).withAttachStderr(false).exec().getId();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                boolean done = client.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        if (frame.getStreamType() == StreamType.STDOUT && out.size() <= MAX_SECRET) {
                            out.writeBytes(frame.getPayload());
                        }
                    }
                }).awaitCompletion(EXEC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (!done) {
                    throw MailctlException.operation("reading the secret " + target + " of " + serviceName
                            + " took longer than " + EXEC_TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw MailctlException.operation("interrupted while reading a secret of " + serviceName);
            }
            Long code = client.inspectExecCmd(exec).exec().getExitCodeLong();
            return code != null && code == 0 && out.size() <= MAX_SECRET
                    ? Optional.of(out.toByteArray()) : Optional.<byte[]>empty();
        });
    }

    void pause(String serviceName) {
        List<Container> running = inState(serviceName, "running");
        if (running.isEmpty()) {
            throw MailctlException.operation(inState(serviceName, "paused").isEmpty()
                    ? "no container of " + serviceName + " runs on this node"
                    : serviceName + " is paused already: another backup may be running (if none is, run docker"
                            + " unpause on its container)");
        }
        for (Container c : running) {
            docker.run("pause the container of " + serviceName, () -> client.pauseContainerCmd(c.getId()).exec());
        }
    }

    void unpause(String serviceName) {
        for (Container c : inState(serviceName, "paused")) {
            docker.run("unpause the container of " + serviceName,
                    () -> client.unpauseContainerCmd(c.getId()).exec());
        }
    }

    /** The service's containers on this node in {@code state} ("running", "paused"); list shows both kinds. */
    private List<Container> inState(String serviceName, String state) {
        return helpers.containersOf(serviceName, true).stream().filter(c -> state.equals(c.getState())).toList();
    }
}
