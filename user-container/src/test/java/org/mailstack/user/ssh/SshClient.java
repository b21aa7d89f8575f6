package org.mailstack.user.ssh;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's OpenSSH client ({@code ssh}, with {@code sshpass} for passwords) run against 127.0.0.1, the way an account
 * owner logs in. The password goes through the environment ({@code sshpass -e}), never the command line.
 */
final class SshClient {
    /** What one remote command produced. */
    record Result(int exit, String out, String err) {
    }

    private static final long TIMEOUT_S = 30;
    private static final List<String> OPTIONS = List.of("-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10",
            "-o", "NumberOfPasswordPrompts=1");
    private final int port;

    SshClient(int port) {
        this.port = port;
    }

    Result withPassword(String password, String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sshpass", "-e"));
        cmd.addAll(ssh("-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password"));
        cmd.add(command);
        return run(cmd, password);
    }

    Result withKey(Path privateKey, String command) throws IOException, InterruptedException {
        return withKey(privateKey, "-T", command);
    }

    /** @param terminal {@code -tt} for a pseudo-terminal, {@code -T} for none */
    Result withKey(Path privateKey, String terminal, String command) throws IOException, InterruptedException {
        List<String> cmd = ssh("-i", privateKey.toString(), "-o", "IdentitiesOnly=yes",
                "-o", "PasswordAuthentication=no", "-o", "BatchMode=yes", terminal);
        cmd.add(command);
        return run(cmd, null);
    }

    /** Copies a local file to {@code remotePath} (relative to the home) with scp, which speaks sftp. */
    Result upload(Path privateKey, Path local, String remotePath) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("scp", "-P", Integer.toString(port), "-i", privateKey.toString()));
        cmd.addAll(OPTIONS);
        cmd.addAll(List.of("-o", "BatchMode=yes", local.toString(), "box@127.0.0.1:" + remotePath));
        return run(cmd, null);
    }

    private List<String> ssh(String... auth) {
        List<String> cmd = new ArrayList<>(List.of("ssh", "-p", Integer.toString(port)));
        cmd.addAll(OPTIONS);
        cmd.addAll(List.of(auth));
        cmd.add("box@127.0.0.1");
        return cmd;
    }

    private static Result run(List<String> cmd, String password) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (password != null) {
            builder.environment().put("SSHPASS", password);
        }
        Process p = builder.start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ssh did not finish within " + TIMEOUT_S + " s: " + cmd);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
