package org.mailstack.main.account;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.AccountNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

/**
 * The account directory Docker itself is: an account exists exactly when a swarm service carries the label
 * {@code org.mailstack.account=<user>} (docs/adr/0003). The only call made is a service listing.
 */
public final class DockerAccountDirectory implements AccountDirectory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DockerAccountDirectory.class);
    /** Engine 20.10 speaks at most 1.41; docker-java 3.7 would otherwise ask for a newer one. */
    private static final String API_VERSION = "1.41";
    private final DockerClient docker;

    DockerAccountDirectory(DockerClient docker) {
        this.docker = docker;
    }

    /** Connects to {@code dockerHost}, e.g. {@code unix:///var/run/docker.sock}. */
    public static DockerAccountDirectory connect(String dockerHost) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .withApiVersion(API_VERSION)
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .maxConnections(8)
                .connectionTimeout(Duration.ofSeconds(3))
                .responseTimeout(Duration.ofSeconds(10))
                .build();
        return new DockerAccountDirectory(DockerClientImpl.getInstance(config, http));
    }

    @Override
    public Optional<Account> find(String user) throws DirectoryUnavailableException {
        if (!AccountName.isValid(user)) {
            return Optional.empty();
        }
        List<Service> services = list(Map.of(AccountNames.ACCOUNT_LABEL, user));
        return services.stream()
                .filter(s -> user.equals(labelOf(s)))
                .min(Comparator.comparing(DockerAccountDirectory::nameOf))
                .map(s -> new Account(user, nameOf(s)));
    }

    @Override
    public List<Account> all() throws DirectoryUnavailableException {
        return list(Map.of()).stream()
                .filter(s -> AccountName.isValid(labelOf(s)))
                .map(s -> new Account(labelOf(s), nameOf(s)))
                .sorted(Comparator.comparing(Account::user))
                .toList();
    }

    private List<Service> list(Map<String, String> labels) throws DirectoryUnavailableException {
        try {
            var cmd = docker.listServicesCmd();
            if (!labels.isEmpty()) {
                cmd.withLabelFilter(labels);
            }
            return cmd.exec();
        } catch (RuntimeException e) {
            LOG.warn("Docker did not answer a service listing: {}", e.toString());
            throw new DirectoryUnavailableException("Docker API unavailable", e);
        }
    }

    private static String labelOf(Service s) {
        if (s.getSpec() == null || s.getSpec().getLabels() == null) {
            return null;
        }
        return s.getSpec().getLabels().get(AccountNames.ACCOUNT_LABEL);
    }

    private static String nameOf(Service s) {
        return s.getSpec().getName();
    }

    @Override
    public void close() throws Exception {
        docker.close();
    }
}
