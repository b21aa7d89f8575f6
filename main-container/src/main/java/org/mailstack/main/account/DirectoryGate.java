package org.mailstack.main.account;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.mailstack.core.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only holder of the Docker socket (ADR 3): a UNIX socket that passes to the engine nothing but what the main
 * container's account directory asks, {@code GET /v1.41/services} with an optional query (and {@code _ping},
 * {@code version}). The process that faces the Internet thus holds no path to the engine's full API (which is root on
 * the host, read-only mount or not).
 *
 * <p>Filtering the client's request and passing it on was not enough: Docker's HTTP parser accepts what a filter does
 * not see (a bare LF ends a line for it), so one allowed request could carry a second one. The gate therefore parses
 * strictly ({@link GateHead}, {@link GateRequest}, {@link GateTarget}) and sends the engine a request it builds itself
 * around the validated target; no other client byte reaches Docker (ADR 16). Whatever it refuses, {@code 400} for a
 * malformed head and {@code 403} for one not on the allow-list, it logs at WARN with the reason.
 *
 * <p>One request per connection ({@code Connection: close} both ways); no request bodies; a head of at most
 * {@value #MAX_HEAD} bytes; and the whole conversation, the engine's answer included, within {@link #DEADLINE}, after
 * which both sockets are closed.
 */
public final class DirectoryGate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryGate.class);
    static final int MAX_HEAD = 16 * 1024;
    static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final int WORKERS = 8;
    /** The argument that starts the gate instead of the main container (the stack's {@code directory} service). */
    public static final String COMMAND = "directory-gate";

    private final ServerSocketChannel server;
    private final Path socket;
    private final Path upstream;
    private final Duration deadline;
    private final Consumer<String> refusals;
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, r -> {
        Thread t = new Thread(r, "directory-gate");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "directory-gate-deadline");
        t.setDaemon(true);
        return t;
    });
    private final Thread acceptor;

    private DirectoryGate(ServerSocketChannel server, Path socket, Path upstream, Duration deadline,
            Consumer<String> refusals) {
        this.server = server;
        this.socket = socket;
        this.upstream = upstream;
        this.deadline = deadline;
        this.refusals = refusals;
        this.acceptor = new Thread(this::accept, "directory-gate-accept");
    }

    /** Listens on {@code socket} (mode 0660, replacing a stale file) and forwards allowed requests to {@code upstream}. */
    public static DirectoryGate start(Path socket, Path upstream) throws IOException {
        return start(socket, upstream, DEADLINE, line -> { });
    }

    /**
     * As {@link #start(Path, Path)}, with the time a conversation may take and a listener that hears every refusal's
     * log line as well as the log does.
     */
    static DirectoryGate start(Path socket, Path upstream, Duration deadline, Consumer<String> refusals)
            throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        DirectoryGate gate = new DirectoryGate(server, socket, upstream, deadline, refusals);
        gate.acceptor.start();
        LOG.info("directory gate on {}: GET services only, to {}", socket, upstream);
        return gate;
    }

    /**
     * Runs the gate until the JVM is told to stop: the socket from {@code MAILSTACK_DIRECTORY_SOCKET}, the engine's
     * from {@code MAILSTACK_ENGINE_SOCKET} (defaults: the shared volume, {@code /var/run/docker.sock}).
     */
    public static void run() throws IOException, InterruptedException {
        Path socket = Path.of(System.getenv().getOrDefault("MAILSTACK_DIRECTORY_SOCKET",
                "/run/mailstack-directory/docker.sock"));
        Path engine = Path.of(System.getenv().getOrDefault("MAILSTACK_ENGINE_SOCKET", "/var/run/docker.sock"));
        DirectoryGate gate = start(socket, engine);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gate.close();
            } catch (IOException e) {
                LOG.warn("closing the gate: {}", e.toString());
            }
        }, "directory-gate-stop"));
        gate.acceptor.join();
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                workers.execute(() -> serve(client));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        Conversation conversation = new Conversation(client);
        ScheduledFuture<?> timer = deadlines.schedule(conversation::end, deadline.toMillis(), TimeUnit.MILLISECONDS);
        GateHead head = new GateHead(MAX_HEAD);
        try (client) {
            GateRequest request;
            try {
                request = receive(client, head);
            } catch (GateRefusal refusal) {
                refuse(client, refusal, head.requestLine());
                return;
            }
            forward(request, client, conversation);
        } catch (IOException e) {
            LOG.debug("connection ended: {}", e.toString());
        } finally {
            timer.cancel(false);
        }
    }

    /** The request the head stands for; a head cut short by the deadline or the client is a refusal too. */
    private GateRequest receive(SocketChannel client, GateHead head) throws GateRefusal {
        try {
            GateRequest request = GateRequest.parse(head.read(client));
            head.expectNothingMore(client);
            return request;
        } catch (IOException e) {
            throw GateRefusal.malformed("no complete head (deadline passed or connection lost)");
        }
    }

    /** The one place a refusal goes: the log (one line, nothing of the client's but its printable request line). */
    private void refuse(SocketChannel client, GateRefusal refusal, String requestLine) throws IOException {
        String line = "refused " + refusal.status() + " (" + refusal.reason() + "): \"" + printable(requestLine) + "\"";
        LOG.warn("{}", line);
        refusals.accept(line);
        reply(client, refusal.status(), "the directory gate refused the request: " + refusal.reason());
    }

    private void forward(GateRequest request, SocketChannel client, Conversation conversation) throws IOException {
        try (SocketChannel engine = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            conversation.add(engine);
            try {
                engine.connect(UnixDomainSocketAddress.of(upstream));
            } catch (IOException e) {
                LOG.warn("the engine at {} cannot be reached: {}", upstream, e.toString());
                reply(client, 502, "the directory gate cannot reach the engine");
                return;
            }
            write(engine, request.rebuilt());
            // The engine closes after its answer (Connection: close): copy it through as it is.
            Channels.newInputStream(engine).transferTo(Channels.newOutputStream(client));
        }
    }

    /**
     * Answers and ends the conversation: the answer, then end of output, then whatever the client still sends is read
     * and dropped until it closes (within the deadline), since closing with unread input would reset the connection
     * before the client reads the answer.
     */
    private static void reply(SocketChannel client, int status, String message) throws IOException {
        String body = "{\"message\":\"" + message.replace("\"", "'") + "\"}\n";
        String reason = switch (status) {
            case 403 -> " Forbidden";
            case 502 -> " Bad Gateway";
            default -> " Bad Request";
        };
        write(client, "HTTP/1.1 " + status + reason + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);
        client.shutdownOutput();
        ByteBuffer drop = ByteBuffer.allocate(8192);
        while (client.read(drop.clear()) >= 0) {
            // dropped
        }
    }

    private static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * At most 120 characters, each outside printable ASCII shown as {@code ?} (core's {@link SafeText#asciiLine}):
     * no CR, LF or escape reaches the log.
     */
    static String printable(String line) {
        return SafeText.asciiLine(line, 120);
    }

    /**
     * The sockets of one conversation, closed together when its deadline passes: a blocked read of the client's head
     * or of the engine's answer then fails at once, so a slow client or a stalled engine holds a worker no longer.
     */
    private static final class Conversation {
        private final List<SocketChannel> channels = new ArrayList<>();
        private boolean over;

        Conversation(SocketChannel client) {
            channels.add(client);
        }

        synchronized void add(SocketChannel channel) {
            if (over) {
                closeQuietly(channel);
            } else {
                channels.add(channel);
            }
        }

        synchronized void end() {
            over = true;
            channels.forEach(DirectoryGate::closeQuietly);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
        workers.shutdownNow();
        deadlines.shutdownNow();
        Files.deleteIfExists(socket);
    }
}
