package org.mailstack.swarmtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command with a time limit; its output is returned, or carried by the exception when it fails. */
final class Shell {
    private Shell() {
    }

    /** Runs {@code command}, its output shown live (for slow set-up steps whose progress matters). */
    static void runShowingProgress(Duration limit, List<String> command) {
        Process process = start(command, true);
        int code = waitFor(process, limit, command);
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + code);
        }
    }

    /** Runs {@code command} and returns its standard output and error; fails on a non-zero exit code. */
    static String run(Duration limit, List<String> command) {
        Result result = tryRun(limit, command);
        if (result.code() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + result.code()
                    + ":\n" + result.output());
        }
        return result.output();
    }

    /** Runs {@code command} and returns its exit code and output, whatever the code. */
    static Result tryRun(Duration limit, List<String> command) {
        return tryRun(limit, command, "");
    }

    /** Runs {@code command} with {@code input} on its standard input; returns its exit code and output. */
    static Result tryRun(Duration limit, List<String> command, String input) {
        Process process = start(command, false);
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the command may not read its input; its exit code tells
        }
        byte[][] output = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                output[0] = process.getInputStream().readAllBytes();
            } catch (IOException e) {
                output[0] = ("(output lost: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
            }
        });
        reader.start();
        int code = waitFor(process, limit, command);
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String text = output[0] == null ? "" : new String(output[0], StandardCharsets.UTF_8);
        return new Result(code, text.strip());
    }

    record Result(int code, String output) {
    }

    private static Process start(List<String> command, boolean inherit) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (inherit) {
            builder.inheritIO();
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    private static int waitFor(Process process, Duration limit, List<String> command) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                throw new IllegalStateException(String.join(" ", command) + " took longer than " + limit);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
