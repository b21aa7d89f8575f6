package org.mailstack.system;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of the project's commands (./mailstack, the account scripts) the way an administrator would. */
final class Command {

    /** The repository root: system-tests/ is one of its modules. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    record Result(int exitCode, String output, Duration took) {}

    private Command() {}

    static Result run(Duration timeout, String stdin, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("mailstack-cmd", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(command))
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                        + "; output:\n" + Files.readString(log));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String output = Files.readString(log);
            System.out.printf("$ %s  (exit %d, %.1f s)%n%s%n", String.join(" ", command), process.exitValue(),
                    took.toMillis() / 1000.0, output);
            return new Result(process.exitValue(), output, took);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        return run(timeout, null, Map.of(), command);
    }
}
