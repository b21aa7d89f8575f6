package org.mailstack.user.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of an external mail client: its exit code and its merged output, bounded in time. */
record ClientRun(int exitCode, String output) {

    /** Runs {@code command} in {@code dir}; a run that outlives {@code seconds} is killed and reported as -1. */
    static ClientRun of(Path dir, int seconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "client", ".log");
        Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        return new ClientRun(ended ? process.exitValue() : -1, output);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + ":\n" + output;
    }
}
