package org.mailstack.mailctl.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import org.mailstack.mailctl.MailctlException;

/**
 * The docker-java client and the one place that turns its failures into {@link MailctlException}s: an unreachable
 * engine is an environment problem (exit 3) with what to do; a refusal by the engine is an operation error (exit 1).
 */
final class DockerCalls implements AutoCloseable {
    /** Engine 20.10 speaks API 1.41 at most and refuses newer versions. */
    static final String API_VERSION = "1.41";

    private final DockerClient client;
    private final String host;

    private DockerCalls(DockerClient client, String host) {
        this.client = client;
        this.host = host;
    }

    static DockerCalls connect(String dockerHost) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withApiVersion(API_VERSION);
        if (dockerHost != null && !dockerHost.isBlank()) {
            builder.withDockerHost(dockerHost);
        }
        DockerClientConfig config;
        try {
            config = builder.build();
        } catch (RuntimeException e) {
            throw MailctlException.usage("bad Docker endpoint: " + e.getMessage());
        }
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(120))
                .build();
        return new DockerCalls(DockerClientImpl.getInstance(config, http), config.getDockerHost().toString());
    }

    DockerClient client() {
        return client;
    }

    /** Runs one Docker call, translating its failure; {@code what} completes "could not …". */
    <T> T call(String what, Supplier<T> op) {
        try {
            return op.get();
        } catch (MailctlException e) {
            throw e;
        } catch (DockerException e) {
            throw MailctlException.operation("Docker refused to " + what + ": " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            if (isConnectionFailure(e)) {
                throw MailctlException.environment("Docker is not reachable at " + host + " (" + rootMessage(e)
                        + "): start the engine (./mailstack setup) or pass --docker-host of a swarm manager");
            }
            throw e;
        }
    }

    void run(String what, Runnable op) {
        call(what, () -> {
            op.run();
            return null;
        });
    }

    private static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Docker's messages are JSON such as {"message":"…"}; keep the text and one line of it. */
    static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        String m = message.strip();
        int i = m.indexOf("\"message\":\"");
        if (i >= 0) {
            int start = i + "\"message\":\"".length();
            int end = m.indexOf('"', start);
            m = end > start ? m.substring(start, end) : m.substring(start);
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // closing a connection pool: nothing to report
        }
    }
}
