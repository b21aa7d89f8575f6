package org.mailstack.mailctl;

/** The CLI's exit codes, as HACKING.md states them. */
public enum ExitCode {
    OK(0),
    /** Exists, unknown, Docker refused, timed out. */
    OPERATION(1),
    /** Bad usage or a bad account name. */
    USAGE(2),
    /** No Docker, not a swarm manager, the stack is not up. */
    ENVIRONMENT(3),
    /** No space left. */
    NO_SPACE(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
