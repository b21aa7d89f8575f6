package org.mailstack.mailctl.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.mailstack.mailctl.command.Mailctl;
import org.mailstack.mailctl.Terminal;
import org.mailstack.mailctl.account.HealthWaiter;
import org.mailstack.mailctl.docker.DockerSwarm;
import picocli.CommandLine;

/** Runs mailctl in-process against the real engine, with stdin given and no terminal, capturing its output. */
final class MailctlRun {
    record Result(int code, String out, String err) {
    }

    /** The host data directory every run is given: a relay key of this test JVM's own. */
    static final Path DATA_DIR = dataDir();

    private MailctlRun() {}

    private static Path dataDir() {
        try {
            Path dir = Files.createTempDirectory("mailctl-it-data");
            Files.writeString(dir.resolve("relay.key"),
                    "it-relay-key-" + UUID.randomUUID() + "\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result run(String image, String stdin, String... args) {
        Terminal none = new Terminal() {
            @Override
            public char[] readPassword(String prompt) {
                return null;
            }

            @Override
            public String readLine(String prompt) {
                return null;
            }
        };
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        Mailctl app = new Mailctl(DockerSwarm::connect, none, in, Clock.systemUTC(), HealthWaiter.Pause.SLEEP);
        CommandLine cl = Mailctl.commandLine(app);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--image=" + image;
        all[1] = "--data-dir=" + DATA_DIR;
        System.arraycopy(args, 0, all, 2, args.length);
        return new Result(cl.execute(all), out.toString(), err.toString());
    }
}
