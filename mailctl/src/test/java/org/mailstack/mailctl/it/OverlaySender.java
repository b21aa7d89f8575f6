package org.mailstack.mailctl.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ContainerSpecFile;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.TaskState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.mailstack.mailctl.account.AccountCreator;
import org.mailstack.mailctl.account.Labels;
import org.mailstack.mailctl.account.StackSettings;

/**
 * Delivers one message to an account's container the way the relay does (RFC 5321 over the overlay, AUTH PLAIN
 * as {@code relay} with the account's own relay secret, RFC 4954): a one-shot swarm service on {@code mailstack-mail}, since
 * only services can mount the secret and only the overlay reaches the container. Its bash script exits 0 once the
 * container answered 250 to the end of DATA. Other one-shot jobs on the overlay run the same way ({@link #run}).
 */
final class OverlaySender {
    private static final String SCRIPT = String.join("\n",
            "set -u",
            "exec 3<>/dev/tcp/$TARGET/2525",
            "expect() { while read -r -t 20 line <&3; do line=${line%$'\\r'}; echo \"S: $line\";"
                    + " case \"$line\" in $1-*) ;; $1*) return 0 ;; *) return 1 ;; esac; done; return 1; }",
            "say() { printf '%s\\r\\n' \"$1\" >&3; }",
            "auth=$(printf '\\0relay\\0%s' \"$(cat /run/secrets/relay_secret)\" | base64 -w0)",
            "expect 220 && say 'EHLO it.example.net' && expect 250 && say \"AUTH PLAIN $auth\" && expect 235"
                    + " && say 'MAIL FROM:<it@example.net>' && expect 250 && say \"RCPT TO:<$RCPT>\" && expect 250"
                    + " && say DATA && expect 354 && say \"Subject: $SUBJECT\" && say '' && say \"$BODY\""
                    + " && say . && expect 250 && say QUIT");

    private final DockerClient client;
    private final String label;

    OverlaySender(DockerClient client, String label) {
        this.client = client;
        this.label = label;
    }

    /** What a one-shot job on the overlay ended with: its task's state and its output (stdout and stderr). */
    record Job(TaskState state, String output) {
        boolean completed() {
            return state == TaskState.COMPLETE;
        }
    }

    /** True when the account's container acknowledged the message within the timeout. */
    boolean send(String serviceName, String recipient, String body, String image, Duration timeout) {
        return send(serviceName, recipient, "mailctl IT", body, image, timeout);
    }

    /** True when the account's container acknowledged the message with this subject within the timeout. */
    boolean send(String serviceName, String recipient, String subject, String body, String image, Duration timeout) {
        var relaySecret = client.listSecretsCmd().withLabelFilter(Map.of(Labels.ACCOUNT,
                        serviceName.substring("user-".length()), Labels.ROLE, AccountCreator.RELAY_ROLE)).exec()
                .stream().findFirst().orElseThrow();
        ContainerSpecSecret secret = new ContainerSpecSecret().withSecretId(relaySecret.getId())
                .withSecretName(relaySecret.getSpec().getName())
                .withFile(new ContainerSpecFile().withName("relay_secret").withUid("1000").withGid("1000")
                        .withMode(0400L));
        return run(image, SCRIPT, List.of("TARGET=" + serviceName, "RCPT=" + recipient, "SUBJECT=" + subject,
                "BODY=" + body), List.of(secret), timeout).completed();
    }

    /**
     * Runs a bash script once in a container of {@code image} on the overlay (a swarm service that is not restarted,
     * removed afterwards) and waits until it ended.
     */
    Job run(String image, String script, List<String> env, List<ContainerSpecSecret> secrets, Duration timeout) {
        ContainerSpec container = new ContainerSpec().withImage(image)
                .withCommand(List.of("bash", "-c", script))
                .withEnv(env)
                .withSecrets(secrets);
        String name = "mailctl-it-job-" + label + "-" + System.nanoTime() % 100000;
        String id = client.createServiceCmd(new ServiceSpec().withName(name)
                .withLabels(Map.of(ItDocker.TEST_LABEL, label))
                .withTaskTemplate(new TaskSpec().withContainerSpec(container)
                        .withRestartPolicy(new ServiceRestartPolicy().withCondition(ServiceRestartCondition.NONE))
                        .withNetworks(List.of(new NetworkAttachmentConfig().withTarget(StackSettings.NETWORK))))
                .withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(1))))
                .exec().getId();
        try {
            Task end = Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(500))
                    .until(() -> finalTask(name), Optional::isPresent).orElseThrow();
            return new Job(end.getStatus().getState(), logs(end));
        } finally {
            client.removeServiceCmd(id).exec();
        }
    }

    private String logs(Task task) {
        String container = task.getStatus().getContainerStatus() == null ? null
                : task.getStatus().getContainerStatus().getContainerID();
        if (container == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        try {
            client.logContainerCmd(container).withStdOut(true).withStdErr(true).withFollowStream(false)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return text.toString();
    }

    private Optional<Task> finalTask(String service) {
        return client.listTasksCmd().withServiceFilter(service).exec().stream()
                .filter(t -> t.getStatus() != null && t.getStatus().getState() != null)
                .filter(t -> t.getStatus().getState() == TaskState.COMPLETE
                        || t.getStatus().getState() == TaskState.FAILED
                        || t.getStatus().getState() == TaskState.REJECTED)
                .findFirst();
    }
}
