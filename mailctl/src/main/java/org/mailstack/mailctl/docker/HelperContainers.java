package org.mailstack.mailctl.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.mailstack.mailctl.ExitCode;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.account.Labels;
import org.mailstack.mailctl.account.Usage;
import org.mailstack.mailctl.account.VolumeManifest;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;

/**
 * Short-lived containers that read or fill an account's volume without {@code docker exec} into the account's
 * container: a created-but-never-started container whose mount is archived for {@code delete} and {@code move} (or
 * filled from an archive, for {@code move}), one container that measures all local Maildir volumes for {@code list},
 * and one that lists a volume's manifest for {@code move}. All are labelled and always removed. An image missing on
 * the node (a worker knows the account's image only by digest) is pulled by its tag first.
 */
final class HelperContainers {
    static final String SWARM_SERVICE_LABEL = "com.docker.swarm.service.name";
    static final int USAGE_TIMEOUT_SECONDS = 60;
    static final int PULL_TIMEOUT_SECONDS = 600;
    /**
     * Prints "files N messages M sha256 HEX" for the volume at /v: every entry's type, path, size (files), mode and
     * owner, sorted bytewise, hashed; directory sizes are left out (they differ between file systems).
     */
    static final String MANIFEST_SCRIPT = "set -o pipefail; cd /v"
            + " && f=$(find . -type f | wc -l)"
            + " && m=$(find . -type f \\( -path '*/new/*' -o -path '*/cur/*' \\) | wc -l)"
            + " && d=$(find . -mindepth 1 \\( -type f -printf 'f %P %s %m %U %G\\n' \\)"
            + " -o -printf '%y %P - %m %U %G\\n' | LC_ALL=C sort | sha256sum | cut -c1-64)"
            + " && echo \"files $f messages $m sha256 $d\"";
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

    /** Extracts a tar of {@code home} (as {@link #export} writes it) into the volume, keeping owners and modes. */
    void importTar(String volume, String image, String home, InputStream tar) {
        String parent = Path.of(home).getParent().toString();
        String id = create(image, "import", List.of(mount(volume, home).withReadOnly(false)), List.of("true"));
        try {
            docker.run("fill volume " + volume, () -> {
                try {
                    client.copyArchiveToContainerCmd(id).withRemotePath(parent).withTarInputStream(tar).exec();
                } catch (DockerException e) {
                    if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("no space left")) {
                        throw new MailctlException(ExitCode.NO_SPACE, "no space left on the"
                                + " target node for volume " + volume + ": free space there or choose another node");
                    }
                    throw e;
                }
            });
        } finally {
            remove(id);
        }
    }

    Map<String, Usage> usage(List<String> volumes, String image) {
        List<Mount> mounts = new ArrayList<>();
        for (String v : volumes) {
            mounts.add(mount(v, "/v/" + v));
        }
        return parseUsage(runScript(image, "usage", mounts, USAGE_SCRIPT, "measure volumes"));
    }

    VolumeManifest manifest(String volume, String image) {
        String output = runScript(image, "manifest", List.of(mount(volume, "/v")), MANIFEST_SCRIPT,
                "list volume " + volume);
        return VolumeManifest.parse(output).orElseThrow(() -> MailctlException.operation("could not list volume "
                + volume + " (helper output: " + DockerCalls.firstLine(output) + ")"));
    }

    /** Runs {@code script} with bash in a helper container and returns its standard output. */
    private String runScript(String image, String purpose, List<Mount> mounts, String script, String what) {
        String id = create(image, purpose, mounts, List.of("bash", "-c", script));
        try {
            return docker.call(what, () -> {
                client.startContainerCmd(id).exec();
                client.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                        .awaitStatusCode(USAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return logs(id);
            });
        } finally {
            remove(id);
        }
    }

    /** Removes the service's containers on this node that are not running (old tasks of a swarm service). */
    void removeStopped(String serviceName) {
        for (Container c : containersOf(serviceName, false)) {
            if (!"running".equals(c.getState())) {
                docker.run("remove old container of " + serviceName,
                        () -> client.removeContainerCmd(c.getId()).withRemoveVolumes(false).exec());
            }
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
        try {
            return tryCreate(image, purpose, mounts, command);
        } catch (MailctlException e) {
            if (!e.getMessage().contains("No such image")) {
                throw e;
            }
            pull(image);
            return tryCreate(image, purpose, mounts, command);
        }
    }

    private void pull(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        boolean tagged = colon > slash;
        String repository = tagged ? image.substring(0, colon) : image;
        String tag = tagged ? image.substring(colon + 1) : "latest";
        docker.run("pull " + image + " on this node", () -> {
            try {
                client.pullImageCmd(repository).withTag(tag).exec(new PullImageResultCallback())
                        .awaitCompletion(PULL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw MailctlException.operation("interrupted while pulling " + image);
            }
        });
    }

    private String tryCreate(String image, String purpose, List<Mount> mounts, List<String> command) {
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

    /** Removes a helper and the anonymous volume the image's VOLUME line gave it (named volumes stay). */
    private void remove(String id) {
        try {
            docker.run("remove helper container",
                    () -> client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec());
        } catch (MailctlException e) {
            // the container is labelled org.mailstack.role=helper-*: docker container prune removes it
        }
    }
}
