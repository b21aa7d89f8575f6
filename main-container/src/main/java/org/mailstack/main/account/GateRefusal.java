package org.mailstack.main.account;

/**
 * Why the directory gate will not pass a request, with the status it answers: {@code 400} when the request is
 * malformed or its framing could be read two ways, {@code 403} when it is well-formed but not on the allow-list.
 * The reason is the gate's own text, never the client's bytes, so it is safe in an answer and in a log line.
 */
final class GateRefusal extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    private GateRefusal(int status, String reason) {
        // A refusal is an answer, not a fault: no stack trace to fill.
        super(reason, null, false, false);
        this.status = status;
    }

    static GateRefusal malformed(String reason) {
        return new GateRefusal(400, reason);
    }

    static GateRefusal notAllowed(String reason) {
        return new GateRefusal(403, reason);
    }

    int status() {
        return status;
    }

    String reason() {
        return getMessage();
    }
}
