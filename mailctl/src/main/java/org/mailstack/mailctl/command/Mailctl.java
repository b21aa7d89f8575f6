package org.mailstack.mailctl.command;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import org.mailstack.mailctl.ExitCode;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.Terminal;
import org.mailstack.mailctl.account.HealthWaiter;
import org.mailstack.mailctl.account.StackSettings;
import org.mailstack.mailctl.account.Swarm;
import org.mailstack.mailctl.account.SwarmFactory;
import org.mailstack.mailctl.docker.DockerSwarm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code mailctl}: creates, lists, shows, re-keys, moves, backs up, restores and deletes mail accounts, each one a
 * swarm service.
 * Holds the options every verb shares and maps {@link MailctlException}s to exit codes.
 */
@Command(name = "mailctl", mixinStandardHelpOptions = true, version = "mailctl 0.1.0",
        description = "Manages mailstack accounts: one Docker Swarm service per account.",
        subcommands = {CreateCommand.class, ListCommand.class, ShowCommand.class, PasswdCommand.class,
                DeleteCommand.class, MoveCommand.class, DrainCommand.class, DnsCommand.class, UpgradeCommand.class,
                RelayKeyCommand.class, BackupCommand.class, RestoreCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes:", "  0 ok", "  1 operation failed (exists, unknown, Docker refused)",
                "  2 bad usage or name", "  3 environment (no Docker, not a swarm manager, stack not up, a node's"
                        + " endpoint unreachable)",
                "  4 no space"})
public final class Mailctl implements Callable<Integer> {

    @Option(names = "--domain", scope = ScopeType.INHERIT, paramLabel = "DOMAIN",
            defaultValue = "${env:MAILSTACK_DOMAIN:-example.test}",
            description = "Mail domain; accounts are box@USER.DOMAIN (default: $MAILSTACK_DOMAIN or ${DEFAULT-VALUE}).")
    String domain;

    @Option(names = "--mail-host", scope = ScopeType.INHERIT, paramLabel = "HOST",
            defaultValue = "${env:MAILSTACK_HOSTNAME}",
            description = "Host name of the main system (default: $MAILSTACK_HOSTNAME or mail.DOMAIN).")
    String mailHost;

    @Option(names = "--docker-host", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Docker endpoint of a swarm manager (default: $DOCKER_HOST or the local socket).")
    String dockerHost;

    @Option(names = "--image", scope = ScopeType.INHERIT, paramLabel = "IMAGE", hidden = true,
            defaultValue = "${env:MAILSTACK_USER_IMAGE:-" + StackSettings.IMAGE + "}",
            description = "User-container image (default: ${DEFAULT-VALUE}).")
    String image;

    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            defaultValue = "${env:MAILSTACK_DATA_DIR:-" + StackSettings.DATA_DIR + "}",
            description = "Host directory of mailstack's own state: the relay key and the archives of deleted"
                    + " accounts (default: $MAILSTACK_DATA_DIR or ${DEFAULT-VALUE}).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    private final SwarmFactory swarms;
    private final Terminal terminal;
    private final InputStream stdin;
    private final Clock clock;
    private final HealthWaiter.Pause pause;

    public Mailctl(SwarmFactory swarms, Terminal terminal, InputStream stdin, Clock clock, HealthWaiter.Pause pause) {
        this.swarms = swarms;
        this.terminal = terminal;
        this.stdin = stdin;
        this.clock = clock;
        this.pause = pause;
    }

    public static void main(String[] args) {
        Mailctl app = new Mailctl(DockerSwarm::connect, Terminal.system(), System.in, Clock.systemUTC(),
                HealthWaiter.Pause.SLEEP);
        System.exit(commandLine(app).execute(args));
    }

    /** The command line with exceptions mapped to exit codes; tests call {@code execute} on it. */
    public static CommandLine commandLine(Mailctl app) {
        CommandLine cl = new CommandLine(app);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof MailctlException e) {
                line.getErr().println("error: " + e.getMessage());
                return e.exitCode().code();
            }
            line.getErr().println("error: unexpected failure: " + ex);
            return ExitCode.OPERATION.code();
        });
        return cl;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    public Swarm openSwarm() {
        return swarms.open(dockerHost);
    }

    /** The Docker engine at {@code host}: another node of the swarm, for the verbs that touch its volumes. */
    public Swarm openSwarm(String host) {
        return swarms.open(host);
    }

    public String domain() {
        return domain;
    }

    /** The main system's host name: MX target and IMAP/SMTP server of every account. */
    public String mailHost() {
        return mailHost == null || mailHost.isBlank() ? "mail." + domain : mailHost.strip();
    }

    public StackSettings settings() {
        return StackSettings.defaults().withImage(image).withDataDir(dataDir);
    }

    public Terminal terminal() {
        return terminal;
    }

    public InputStream stdin() {
        return stdin;
    }

    public Clock clock() {
        return clock;
    }

    public HealthWaiter.Pause pause() {
        return pause;
    }
}
