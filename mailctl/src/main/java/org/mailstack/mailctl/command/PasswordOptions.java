package org.mailstack.mailctl.command;

import java.time.Duration;
import org.mailstack.mailctl.account.PasswordHasher;
import picocli.CommandLine.Option;

/** The options of the verbs that set a password and then wait for the container: {@code create}, {@code passwd}. */
final class PasswordOptions {
    @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
    boolean passwordStdin;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "90",
            description = "How long to wait until the container is healthy (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /** Reads the new password (pipe or terminal) and returns its bcrypt hash. */
    byte[] readHash(Mailctl app) {
        return PasswordHasher.hash(PasswordInput.read(passwordStdin, app.stdin(), app.terminal()));
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }
}
