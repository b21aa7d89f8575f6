package org.mailstack.mailctl.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.account.Labels;
import org.mailstack.mailctl.account.Usage;

/**
 * Short-lived containers that read an account's volume without {@code docker exec} into the account's container:
 * a created-but-never-started container whose mount is archived for {@code delete}, and one container that
 * measures all local Maildir volumes for {@code list}. Both are labelled and always removed.
 */
final class HelperContainers {
    static final String SWARM_SERVICE_LABEL = "com.docker.swarm.service.name";
    static final int USAGE_TIMEOUT_SECONDS = 60;
    /** Prints "volume bytes messages" per mounted volume; messages are files in new/ and cur/ of any folder. */
    private static final String USAGE_SCRIPT = "cd /v && for d in *; do "
            + "s=$(du -sb \"$d\" 2>/dev/null | cut -f1); "
            + "n=$(find \"$d\" -type f \\( -path '*/new/*' -o -path '*/cur/*' \\) 2>/dev/null | wc -l); "
            + "echo \"$d ${s:-0} $n\"; done";

    private final DockerCalls docker;
    private final DockerClient client;

    HelperContainers(DockerCalls docker) {
        this.docker = docker;
        this.client = docker.client();
    }

    /** Containers of a swarm service on this node, running ones only or all. */
    List<Container> containersOf(String serviceName, boolean runningOnly) {
        return docker.call("list containers", () -> client.listContainersCmd()
                .withShowAll(!runningOnly)
                .withLabelFilter(Map.of(SWARM_SERVICE_LABEL, serviceName)).exec());
    }

    /** Streams a tar of {@code home} (the volume's root) into out. */
    void export(String volume, String image, String home, OutputStream out) {
        String id = create(image, "export", List.of(mount(volume, home)), List.of("true"));
        try {
            docker.run("export volume " + volume, () -> {
                try (InputStream tar = client.copyArchiveFromContainerCmd(id, home).exec()) {
                    tar.transferTo(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw MailctlException.operation("could not write the archive of " + volume + ": "
                    + e.getCause().getMessage());
        } finally {
            remove(id);
        }
    }

    Map<String, Usage> usage(List<String> volumes, String image) {
        List<Mount> mounts = new ArrayList<>();
        for (String v : volumes) {
            mounts.add(mount(v, "/v/" + v));
        }
        String id = create(image, "usage", mounts, List.of("bash", "-c", USAGE_SCRIPT));
        try {
            String output = docker.call("measure volumes", () -> {
                client.startContainerCmd(id).exec();
                client.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                        .awaitStatusCode(USAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return logs(id);
            });
            return parseUsage(output);
        } finally {
            remove(id);
        }
    }

    static Map<String, Usage> parseUsage(String output) {
        Map<String, Usage> usage = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length == 3 && f[1].matches("\\d+") && f[2].matches("\\d+")) {
                usage.put(f[0], new Usage(Long.parseLong(f[1]), Long.parseLong(f[2])));
            }
        }
        return usage;
    }

    /** A regular file from the running container of a service on this node, read through the archive API. */
    Optional<byte[]> readFile(String serviceName, String path) {
        List<Container> running = containersOf(serviceName, true);
        if (running.isEmpty()) {
            return Optional.empty();
        }
        return docker.call("read " + path + " from " + serviceName, () -> {
            try (InputStream tar = client.copyArchiveFromContainerCmd(running.get(0).getId(), path).exec()) {
                return TarEntries.firstFile(tar);
            } catch (NotFoundException e) {
                return Optional.<byte[]>empty();
            } catch (IOException e) {
                return Optional.<byte[]>empty();
            }
        });
    }

    private String create(String image, String purpose, List<Mount> mounts, List<String> command) {
        Map<String, String> labels = Map.of(Labels.ROLE, "helper-" + purpose);
        return docker.call("create a helper container from " + image, () -> client.createContainerCmd(image)
                .withName("mailctl-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8))
                .withLabels(labels)
                .withEntrypoint(command)
                .withUser("root")
                .withNetworkDisabled(true)
                .withHostConfig(HostConfig.newHostConfig().withMounts(mounts).withMemory(64L * 1024 * 1024)
                        .withNetworkMode("none"))
                .exec().getId());
    }

    private static Mount mount(String volume, String target) {
        return new Mount().withType(MountType.VOLUME).withSource(volume).withTarget(target).withReadOnly(true);
    }

    private String logs(String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
        client.logContainerCmd(id).withStdOut(true).withStdErr(false).withFollowStream(false)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        out.writeBytes(frame.getPayload());
                    }
                }).awaitCompletion(USAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MailctlException.operation("interrupted while reading the helper's output");
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void remove(String id) {
        try {
            docker.run("remove helper container", () -> client.removeContainerCmd(id).withForce(true).exec());
        } catch (MailctlException e) {
            // the container is labelled org.mailstack.role=helper-*: docker container prune removes it
        }
    }
}
