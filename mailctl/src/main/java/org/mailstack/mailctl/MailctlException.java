package org.mailstack.mailctl;

/**
 * A failure the user can act on: its message says what went wrong and what to do next, its {@link ExitCode}
 * becomes the process's exit status. Thrown anywhere, mapped to the exit code only at the edge ({@link Mailctl}).
 */
public class MailctlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public MailctlException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public MailctlException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static MailctlException operation(String message) {
        return new MailctlException(ExitCode.OPERATION, message);
    }

    public static MailctlException usage(String message) {
        return new MailctlException(ExitCode.USAGE, message);
    }

    public static MailctlException environment(String message) {
        return new MailctlException(ExitCode.ENVIRONMENT, message);
    }
}
