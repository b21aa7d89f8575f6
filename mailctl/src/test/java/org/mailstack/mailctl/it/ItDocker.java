package org.mailstack.mailctl.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.SecretSpec;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.mailstack.mailctl.account.Labels;
import org.mailstack.mailctl.account.StackSettings;

/**
 * What the integration tests need from the engine besides mailctl: the stack's network (made here, labelled, when
 * {@code ./mailstack up} has not made it; the relay key is {@link MailctlRun#DATA_DIR}'s), the image, and a
 * last-resort cleanup of
 * everything labelled with this run's account names.
 */
final class ItDocker implements AutoCloseable {
    static final String TEST_LABEL = "org.mailstack.test";
    static final String STANDIN_IMAGE = "mailstack-it/user-container-standin";

    final DockerClient client;
    private final String run;
    private final List<Runnable> undo = new ArrayList<>();

    ItDocker(String run) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withApiVersion("1.41").build();
        var http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig()).build();
        this.client = DockerClientImpl.getInstance(config, http);
        this.run = run;
    }

    /** Null when the engine is usable, else why not. */
    String unusableReason() {
        try {
            var swarm = client.infoCmd().exec().getSwarm();
            if (swarm == null || !Boolean.TRUE.equals(swarm.getControlAvailable())) {
                return "the Docker engine is not a swarm manager";
            }
            return null;
        } catch (RuntimeException e) {
            return "Docker is not reachable: " + e.getMessage();
        }
    }

    /**
     * Skips the test class (a JUnit assumption) unless the engine is a usable swarm manager holding the real
     * user-container image; then makes sure the stack's network exists.
     */
    void requireRealImage() {
        String reason = unusableReason();
        Assumptions.assumeTrue(reason == null, () -> "skipped: " + reason);
        Assumptions.assumeTrue(imageExists(StackSettings.IMAGE), "skipped: no " + StackSettings.IMAGE);
        ensureStack();
    }

    /** Deletes these accounts with mailctl, then whatever is left of this run's, and closes the client. */
    void deleteAndClose(String... users) throws IOException {
        try {
            for (String user : users) {
                MailctlRun.run(StackSettings.IMAGE, "", "delete", user, "--purge", "--yes");
            }
        } finally {
            removeAccounts(run);
            close();
        }
    }

    void ensureStack() {
        boolean network = client.listNetworksCmd().withNameFilter(StackSettings.NETWORK).exec().stream()
                .map(Network::getName).anyMatch(StackSettings.NETWORK::equals);
        if (!network) {
            String id = client.createNetworkCmd().withName(StackSettings.NETWORK).withDriver("overlay")
                    .withAttachable(true).withLabels(Map.of(TEST_LABEL, run)).exec().getId();
            undo.add(() -> client.removeNetworkCmd(id).exec());
        }
    }

    boolean imageExists(String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Builds the real image with the project's script when its application has been packaged. */
    String buildRealImage(Path root) throws IOException, InterruptedException {
        Path module = root.resolve("user-container");
        if (!Files.isRegularFile(module.resolve("target/app/user-container.jar"))) {
            return "user-container is not packaged: run mvn -pl user-container -am package first";
        }
        return runScript(root, List.of(root.resolve("scripts/lib/build-image.sh").toString(),
                "mailstack/user-container", module.toString()));
    }

    /** Builds the stand-in image from the compiled {@link BannerServer}. */
    String buildStandinImage(Path root, Path testClasses) throws IOException, InterruptedException {
        Path context = Files.createTempDirectory("mailctl-standin");
        Path classDir = context.resolve("classes/org/mailstack/mailctl/it");
        Files.createDirectories(classDir);
        Files.copy(testClasses.resolve("org/mailstack/mailctl/it/BannerServer.class"),
                classDir.resolve("BannerServer.class"));
        Files.writeString(context.resolve("Dockerfile"), String.join("\n",
                "FROM mailstack/jre:17",
                "RUN useradd --uid 1000 --user-group --home-dir /home/box --create-home --shell /bin/bash box",
                "COPY classes/ /opt/standin/",
                "LABEL " + TEST_LABEL + "=standin",
                "USER box",
                "WORKDIR /home/box",
                "VOLUME [\"/home/box\"]",
                "HEALTHCHECK --interval=1s --timeout=3s --start-period=60s --retries=3 CMD [\"bash\", \"-c\", "
                        + "\"exec 3<>/dev/tcp/127.0.0.1/2525 && read -r -t 2 line <&3 && [[ $line == 220* ]]\"]",
                "ENTRYPOINT [\"java\", \"-XX:TieredStopAtLevel=1\", \"-Xshare:auto\", \"-cp\", \"/opt/standin\","
                        + " \"org.mailstack.mailctl.it.BannerServer\"]", ""));
        try {
            Process p = new ProcessBuilder("docker", "build", "-q", "-t", STANDIN_IMAGE + ":latest",
                    context.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            return p.waitFor() == 0 ? null : "building the stand-in image failed: " + output;
        } finally {
            try (var files = Files.walk(context)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static String runScript(Path root, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("DOCKER_BUILDKIT", "0");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return "building the image timed out";
        }
        return p.exitValue() == 0 ? null : "building the image failed: " + output;
    }

    /** Removes services, secrets and volumes of accounts whose name starts with this run's prefix. */
    void removeAccounts(String prefix) {
        client.listServicesCmd().exec().stream()
                .filter(s -> startsWith(s.getSpec().getLabels(), prefix))
                .forEach(s -> quietly(() -> client.removeServiceCmd(s.getId()).exec()));
        client.listSecretsCmd().exec().stream()
                .filter(s -> startsWith(s.getSpec().getLabels(), prefix))
                .forEach(s -> quietly(() -> client.removeSecretCmd(s.getId()).exec()));
        var volumes = client.listVolumesCmd().exec().getVolumes();
        if (volumes != null) {
            volumes.stream().filter(v -> startsWith(v.getLabels(), prefix))
                    .forEach(v -> quietly(() -> client.removeVolumeCmd(v.getName()).exec()));
        }
    }

    void removeImage(String name) {
        quietly(() -> client.removeImageCmd(name).withForce(true).exec());
    }

    private static boolean startsWith(Map<String, String> labels, String prefix) {
        return labels != null && labels.getOrDefault(Labels.ACCOUNT, "").startsWith(prefix);
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // best effort: the object is gone or still in use; the next run's prefix differs
        }
    }

    @Override
    public void close() throws IOException {
        for (Runnable r : undo) {
            quietly(r);
        }
        client.close();
    }
}
