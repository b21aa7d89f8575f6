package org.mailstack.mailctl.account;

/**
 * One task (container incarnation) of a service.
 *
 * @param state Docker's task state in lower case: {@code new}, {@code pending}, …, {@code running},
 *              {@code failed}, {@code rejected}, {@code shutdown}
 * @param desiredState what the orchestrator wants it to be ({@code running} or {@code shutdown})
 * @param error the task's error text, or null
 * @param health the container's health ({@code healthy}, {@code unhealthy}, {@code starting}) when the container
 *               runs on this node, or null when unknown here
 * @param timestamp when the task reached its state (ISO-8601), for ordering
 */
public record TaskInfo(String id, String nodeId, String state, String desiredState, String error, String health,
                       String timestamp) {
    public boolean running() {
        return "running".equals(state);
    }

    public boolean failed() {
        return "failed".equals(state) || "rejected".equals(state);
    }
}
