package org.mailstack.mailctl.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The host's OpenSSH client against an account's SSH port published on 127.0.0.1, as its owner (user box). */
final class SshClient {
    private SshClient() {}

    /** Runs {@code command} over SSH: stdout and stderr; a password goes through sshpass. */
    static String[] ssh(int port, List<String> auth, String password, String command) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (password != null) {
            cmd.addAll(List.of("sshpass", "-e"));
        }
        cmd.addAll(List.of("ssh", "-p", Integer.toString(port), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10",
                "-o", "NumberOfPasswordPrompts=1"));
        cmd.addAll(auth);
        cmd.addAll(List.of("box@127.0.0.1", command));
        return run(cmd, password);
    }

    /** The SSH port {@code mailctl create} or {@code restore} printed. */
    static int port(String summary) {
        Matcher m = Pattern.compile("ssh -p (\\d+) box@").matcher(summary);
        if (!m.find()) {
            throw new AssertionError("no SSH port in: " + summary);
        }
        return Integer.parseInt(m.group(1));
    }

    /** The ed25519 host key the port answers with, or an empty string. */
    static String hostKey(int port) throws Exception {
        String[] scan = run(List.of("ssh-keyscan", "-T", "10", "-t", "ed25519", "-p", Integer.toString(port),
                "127.0.0.1"), null);
        return scan[0].lines().filter(l -> !l.startsWith("#")).map(l -> l.substring(l.indexOf(' ') + 1))
                .findFirst().orElse("");
    }

    static String[] run(List<String> cmd, String password) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (password != null) {
            builder.environment().put("SSHPASS", password);
        }
        Process p = builder.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        return new String[] {new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)};
    }
}
