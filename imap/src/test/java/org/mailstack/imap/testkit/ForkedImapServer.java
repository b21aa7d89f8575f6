package org.mailstack.imap.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A {@link StandaloneTestServer} in a JVM of its own: the test's classpath, the environment given (the locale
 * variables of this JVM are dropped first), its log (standard error) written to a file the test can read.
 */
public final class ForkedImapServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private ForkedImapServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server over {@code maildir}; {@code env} is name, value, name, value... */
    public static ForkedImapServer start(Path maildir, Path log, String... env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StandaloneTestServer.class.getName(),
                maildir.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG") || k.equals("LANGUAGE"));
        for (int i = 0; i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        pb.redirectError(log.toFile());
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine(); // the child prints its port once it listens, or ends
        if (line == null || !line.startsWith("PORT ")) {
            p.destroyForcibly();
            throw new IOException("the server did not start: " + line + "\n" + Files.readString(log));
        }
        return new ForkedImapServer(p, Integer.parseInt(line.substring(5).trim()), log);
    }

    public int port() {
        return port;
    }

    /** What the server logged so far. */
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Ends the server's input, so that it closes; fails unless it exits cleanly. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("the server did not stop");
        }
        if (process.exitValue() != 0) {
            throw new IOException("the server exited with " + process.exitValue() + "\n" + log());
        }
    }
}
