package org.mailstack.mailctl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailstack.mailctl.command.Mailctl;
import picocli.CommandLine;

/** Runs mailctl against a {@link FakeSwarm} with captured output, a scripted terminal and a clock that never waits. */
public final class CliRun {
    public final FakeSwarm swarm;
    public String stdin = "";
    public final Deque<String> terminalAnswers = new ArrayDeque<>();
    public boolean hasTerminal = true;
    public final MutableClock clock = new MutableClock();
    public String out = "";
    public String err = "";
    public List<String> prompts = new ArrayList<>();
    /** Other Docker endpoints by URL (a node's own engine); any other URL, or none, opens {@link #swarm}. */
    public final Map<String, FakeSwarm> endpoints = new HashMap<>();

    /** The host data directory mailctl is given, holding {@link FakeSwarm#RELAY_KEY} as the stack's relay key. */
    public final Path dataDir;

    public CliRun(FakeSwarm swarm) {
        this.swarm = swarm;
        try {
            dataDir = Files.createTempDirectory("mailctl-data");
            dataDir.toFile().deleteOnExit();
            Path key = dataDir.resolve("relay.key");
            Files.writeString(key, FakeSwarm.RELAY_KEY + "\n");
            key.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int execute(String... args) {
        Terminal terminal = new Terminal() {
            @Override
            public char[] readPassword(String prompt) {
                String line = readLine(prompt);
                return line == null ? null : line.toCharArray();
            }

            @Override
            public String readLine(String prompt) {
                prompts.add(prompt);
                return hasTerminal ? terminalAnswers.poll() : null;
            }
        };
        Mailctl app = new Mailctl(host -> host == null ? swarm : endpoints.getOrDefault(host, swarm), terminal,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), clock, clock::advance);
        CommandLine cl = Mailctl.commandLine(app);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        String[] all = new String[args.length + 1];
        all[0] = "--data-dir=" + dataDir;
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cl.execute(all);
        out = o.toString();
        err = e.toString();
        return code;
    }

    /** A clock that moves only when the code under test pauses. */
    public static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T08:00:00Z");
        public int pauses;

        public void advance(Duration d) {
            pauses++;
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
