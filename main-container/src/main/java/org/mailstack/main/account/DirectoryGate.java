package org.mailstack.main.account;

import java.io.ByteArrayOutputStream;
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
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only holder of the Docker socket (ADR 3): a UNIX socket that passes to the engine nothing but what the main
 * container's account directory asks, {@code GET /v1.41/services} with an optional query (and {@code _ping},
 * {@code version}). Everything else is answered {@code 403} without reaching Docker, so the process that faces the
 * Internet holds no path to the engine's full API (which is root on the host, read-only mount or not).
 *
 * <p>One request per connection ({@code Connection: close} both ways); no request bodies; a head of at most
 * {@value #MAX_HEAD} bytes, read within {@link #DEADLINE}.
 */
public final class DirectoryGate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryGate.class);
    static final int MAX_HEAD = 16 * 1024;
    static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final Pattern ALLOWED = Pattern.compile(
            "GET /(v1\\.\\d{2}/)?(services|_ping|version)(\\?[A-Za-z0-9._~%=&+-]*)?");
    private static final int WORKERS = 8;
    /** The argument that starts the gate instead of the main container (the stack's {@code directory} service). */
    public static final String COMMAND = "directory-gate";

    private final ServerSocketChannel server;
    private final Path socket;
    private final Path upstream;
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

    private DirectoryGate(ServerSocketChannel server, Path socket, Path upstream) {
        this.server = server;
        this.socket = socket;
        this.upstream = upstream;
        this.acceptor = new Thread(this::accept, "directory-gate-accept");
    }

    /** Listens on {@code socket} (mode 0660, replacing a stale file) and forwards allowed requests to {@code upstream}. */
    public static DirectoryGate start(Path socket, Path upstream) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        DirectoryGate gate = new DirectoryGate(server, socket, upstream);
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
        ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(client), DEADLINE.toMillis(),
                TimeUnit.MILLISECONDS);
        try (client) {
            List<String> head = readHead(client);
            if (head == null) {
                reply(client, 400, "request head missing or over " + MAX_HEAD + " bytes");
                return;
            }
            String verdict = refusal(head);
            if (verdict != null) {
                LOG.warn("refused: {} ({})", printable(head.get(0)), verdict);
                reply(client, 403, "the directory gate passes only GET /services: " + verdict);
                return;
            }
            forward(head, client);
        } catch (IOException e) {
            LOG.debug("connection ended: {}", e.toString());
        } finally {
            deadline.cancel(false);
        }
    }

    /** Why a request may not pass, or null when it may. */
    static String refusal(List<String> head) {
        String requestLine = head.get(0);
        int version = requestLine.lastIndexOf(" HTTP/1.");
        String target = version < 0 ? requestLine : requestLine.substring(0, version);
        if (!ALLOWED.matcher(target).matches() || target.contains("..")) {
            return "not an allowed method and path";
        }
        for (String line : head.subList(1, head.size())) {
            String name = line.substring(0, Math.max(0, line.indexOf(':'))).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(line.indexOf(':') + 1).strip();
            if (name.equals("transfer-encoding") || name.equals("content-length") && !value.equals("0")) {
                return "a request body";
            }
            if (name.equals("upgrade")) {
                return "a protocol upgrade";
            }
        }
        return null;
    }

    private void forward(List<String> head, SocketChannel client) throws IOException {
        try (SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(upstream))) {
            StringBuilder out = new StringBuilder(head.get(0)).append("\r\n");
            for (String line : head.subList(1, head.size())) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (!lower.startsWith("connection:") && !lower.startsWith("keep-alive:")) {
                    out.append(line).append("\r\n");
                }
            }
            out.append("Connection: close\r\n\r\n");
            write(engine, out.toString());
            // The engine closes after its answer (Connection: close): copy it through as it is.
            Channels.newInputStream(engine).transferTo(Channels.newOutputStream(client));
        }
    }

    /** The request line and header lines, or null when the head is malformed or too long. */
    private static List<String> readHead(SocketChannel client) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            one.clear();
            if (client.read(one) < 0 || bytes.size() >= MAX_HEAD) {
                return null;
            }
            byte b = one.get(0);
            bytes.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(List.of(text.substring(0, text.length() - 4).split("\r\n", -1)));
        return lines.isEmpty() || lines.get(0).isEmpty() ? null : lines;
    }

    /**
     * Answers and ends the conversation: the answer, then end of output, then whatever the client still sends is read
     * and dropped until it closes (within the deadline), since closing with unread input would reset the connection
     * before the client reads the answer.
     */
    private static void reply(SocketChannel client, int status, String message) throws IOException {
        String body = "{\"message\":\"" + message.replace("\"", "'") + "\"}\n";
        write(client, "HTTP/1.1 " + status + (status == 403 ? " Forbidden" : " Bad Request") + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);
        client.shutdownOutput();
        ByteBuffer drop = ByteBuffer.allocate(8192);
        while (client.read(drop.clear()) >= 0) {
            // dropped
        }
    }

    private static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static String printable(String line) {
        String cut = line.length() > 120 ? line.substring(0, 120) + "…" : line;
        return cut.replaceAll("\\p{Cntrl}", "?");
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
