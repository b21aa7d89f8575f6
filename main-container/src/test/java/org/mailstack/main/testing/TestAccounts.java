package org.mailstack.main.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.testcontainers.DockerClientFactory;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;

/**
 * Accounts as Docker knows them, for ITs: swarm services labelled {@code org.mailstack.account}, scaled to zero (the
 * directory reads labels only), carrying the run's test label. Names are unique per run; {@link #close()} removes them.
 */
public final class TestAccounts implements AutoCloseable {
    private final DockerClient docker = DockerClientFactory.instance().client();
    private final List<String> services = new CopyOnWriteArrayList<>();

    /** A fresh unique user name (a DNS label). */
    public static String uniqueUser(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Creates a labelled, zero-replica service for {@code user}; returns the service name. */
    public String create(String user) {
        String name = "user-" + user;
        ServiceSpec spec = new ServiceSpec().withName(name)
                .withLabels(Map.of("org.mailstack.account", user, MainContainerImage.TEST_LABEL, MainContainerImage.RUN_ID))
                .withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(0)))
                .withTaskTemplate(new TaskSpec().withContainerSpec(new ContainerSpec()
                        .withImage("mailstack/jre:17").withCommand(List.of("sleep", "600"))));
        docker.createServiceCmd(spec).exec();
        services.add(name);
        return name;
    }

    @Override
    public void close() {
        for (String s : services) {
            try {
                docker.removeServiceCmd(s).exec();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
        services.clear();
    }
}
