package org.mailstack.mailctl.account;

import org.mailstack.core.account.AccountName;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What mailctl needs from a Docker Swarm manager, in the project's own types. The one implementation over
 * docker-java lives in {@code org.mailstack.mailctl.docker}; tests use an in-memory fake.
 *
 * <p>Failures surface as {@link org.mailstack.mailctl.MailctlException}: environment problems (engine unreachable,
 * not a manager) with exit code 3, refusals by Docker with exit code 1.
 */
public interface Swarm extends AutoCloseable {

    /** Fails with exit code 3 unless the engine answers and is a swarm manager. */
    void requireManager();

    boolean networkExists(String name);

    boolean secretExists(String name);

    List<SwarmNode> nodes();

    /** Normalised architecture ({@code amd64}, {@code arm64}, {@code arm}) of a local image; empty if absent. */
    Optional<String> imageArchitecture(String image);

    /** All services labelled {@link Labels#ACCOUNT}. */
    List<AccountService> accountServices();

    Optional<AccountService> accountService(AccountName user);

    /** Host ports published by any service of the swarm (account or not). */
    Set<Integer> publishedPorts();

    boolean volumeExists(String name);

    /** Creates the volume, or leaves an existing one of that name as it is. */
    void createVolume(String name, Map<String, String> labels);

    /** Removes the volume if it exists; returns false while a container still uses it. */
    boolean removeVolume(String name);

    void createSecret(String name, byte[] data, Map<String, String> labels);

    /** Names of the secrets labelled with this account and, unless null, this {@link Labels#ROLE}. */
    List<String> accountSecrets(AccountName user, String role);

    /** Removes the secret if it exists; a secret still in use by a service is left and reported as false. */
    boolean removeSecret(String name);

    /**
     * Creates the service.
     *
     * @throws NameTakenException if a service of that name exists (also when it appeared concurrently)
     */
    void createService(ServiceRequest request);

    /** Points the secret mounted at {@code target} to {@code newSecretName}; the swarm then restarts the task. */
    void replaceSecret(String serviceName, String target, String newSecretName);

    /**
     * Sets the service's image and the secrets mounted at the given targets (other secrets stay), in one update; the
     * swarm then replaces the task.
     */
    void updateAccount(String serviceName, String image, Map<String, String> secretsByTarget);

    /**
     * The reference services should run for {@code image}: for an image of this engine without a registry, a tag
     * naming its content ({@code repo:build-<id>}, made here), so a rebuilt image is a new reference that rolls the
     * services and an unchanged one is not; a registry reference is returned as it is.
     */
    String pinImage(String image);

    /** Publishes the service's SSH (container port 2222) on host port {@code port} instead; the task restarts. */
    void moveSshPort(String serviceName, int port);

    /** Names of the services that publish host port {@code port}. */
    List<String> servicesPublishing(int port);

    /** Sets the service's replica count (0 stops its task; the service, its labels and its mail route stay). */
    void scaleService(String serviceName, int replicas);

    /** Replaces the service's placement constraints and sets its replica count, in one update. */
    void pinService(String serviceName, List<String> constraints, int replicas);

    /** Sets the account's own IPv6 address (its environment and its label; ADR 14), for its next task. */
    void setIpv6Address(String serviceName, String address);

    /** The swarm node id of the engine behind this endpoint (a manager or a worker). */
    String nodeId();

    /** Whether a container of the service runs on this endpoint's node. */
    boolean runsContainerOf(String serviceName);

    /** Removes the stopped containers of the service on this node (old tasks keep its volume in use). */
    void removeStoppedContainers(String serviceName);

    /** Removes the service if it exists. */
    void removeService(String serviceName);

    /** The service's tasks, newest first. */
    List<TaskInfo> tasks(String serviceName);

    /** Whether no container of the service is left on this node. */
    boolean containersGone(String serviceName);

    /** Writes a tar archive of {@code path} inside the volume (mounted at {@code home} in {@code image}) to out. */
    void exportVolume(String volume, String image, String home, OutputStream out);

    /** Extracts a tar archive (as {@link #exportVolume} writes it) into the volume mounted at {@code home}. */
    void importVolume(String volume, String image, String home, InputStream tar);

    /** The manifest of a volume on this node, listed by a short-lived helper container from {@code image}. */
    VolumeManifest manifest(String volume, String image);

    /**
     * Size and message count of the given volumes that exist on this node, measured by one short-lived helper
     * container from {@code image}; volumes it could not measure are absent from the result.
     */
    Map<String, Usage> usage(List<String> volumes, String image);

    /** A label of a service's spec (the stack's main service carries its IPv6 address), if both exist. */
    default Optional<String> serviceLabel(String serviceName, String label) {
        return Optional.empty();
    }

    /**
     * A file from the running container of a service on this node, if there is one and the file exists. Read through
     * the archive API, which sees the image and the volumes but not the secrets mounted under {@code /run/secrets}.
     */
    Optional<byte[]> readFile(String serviceName, String path);

    /**
     * The Docker secret mounted at {@code target} in the running container of a service on this node, read by a
     * process run as root inside it ({@code docker exec}; Docker's API never returns a secret's data); empty when no
     * container runs here or no secret is mounted there. Fails (exit 1) while the container is paused.
     */
    Optional<byte[]> readSecret(String serviceName, String target);

    /**
     * Freezes the running container of a service on this node ({@code docker pause}): its processes stop between two
     * instructions, connections to it wait. Fails (exit 1) when none runs here or it is paused already.
     */
    void pauseContainerOf(String serviceName);

    /** Thaws the paused containers of a service on this node; nothing to do when none is paused. */
    void unpauseContainerOf(String serviceName);

    @Override
    void close();
}
