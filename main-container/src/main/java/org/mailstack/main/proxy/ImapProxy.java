package org.mailstack.main.proxy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocketFactory;

import org.mailstack.core.auth.LoginLimiter;
import org.mailstack.main.account.AccountDirectory;
import org.mailstack.main.address.AddressRules;
import org.mailstack.main.delivery.RelayKeyFile;
import org.mailstack.main.limits.ClientAddress;
import org.mailstack.main.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxy listener (plain with STARTTLS, or implicit TLS). Bounded: at most {@code maxConnections} sessions (two
 * threads each once spliced) and {@code perClient} per client address; beyond that the client gets
 * {@code * BYE} and is closed.
 */
public final class ImapProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImapProxy.class);
    private final ServerSocket server;
    private final boolean implicitTls;
    private final ProxyContext ctx;
    private final ExecutorService pool;
    private final String protocol;
    private final int maxConnections;
    private final int perClient;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final Thread acceptor;

    private ImapProxy(ServerSocket server, boolean implicitTls, ProxyContext ctx, String protocol,
                      int maxConnections, int perClient) {
        this.server = server;
        this.implicitTls = implicitTls;
        this.ctx = ctx;
        this.protocol = protocol;
        this.maxConnections = maxConnections;
        this.perClient = perClient;
        this.pool = new ThreadPoolExecutor(0, 2 * maxConnections + 2, 60, TimeUnit.SECONDS, new SynchronousQueue<>());
        this.acceptor = new Thread(this::acceptLoop, protocol + "-proxy");
    }

    /** Starts a listener; {@code implicitTls} for 1993, otherwise STARTTLS is offered (1143). */
    public static ImapProxy start(int port, boolean implicitTls, SSLContext serverTls, AddressRules rules,
                                  AccountDirectory accounts, LoginLimiter limiter, RelayKeyFile relayKey,
                                  Metrics metrics, int backendPort, SSLSocketFactory backendTls, String hostname,
                                  int maxConnections, int perClient) throws IOException {
        ServerSocket s = implicitTls ? serverTls.getServerSocketFactory().createServerSocket(port, 100)
                : new ServerSocket(port, 100);
        if (s instanceof SSLServerSocket ssl) {
            ssl.setUseClientMode(false);
        }
        ProxyContext ctx = new ProxyContext(rules, accounts, limiter, relayKey, metrics, backendPort, backendTls,
                serverTls, hostname);
        String protocol = implicitTls ? "imaps" : "imap";
        ImapProxy p = new ImapProxy(s, implicitTls, ctx, protocol, maxConnections, perClient);
        p.acceptor.start();
        LOG.info("IMAP proxy ({}) listening on port {}", protocol, p.port());
        return p;
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("IMAP proxy accept failed: {}", e.toString());
                continue;
            }
            admit(client);
        }
    }

    private void admit(Socket client) {
        String address = ClientAddress.of(client.getRemoteSocketAddress());
        AtomicInteger mine = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (open.incrementAndGet() > maxConnections || mine.incrementAndGet() > perClient) {
            ctx.metrics().rejected(protocol, "connections");
            release(address, mine);
            refuse(client);
            return;
        }
        ctx.metrics().connectionOpened(protocol);
        try {
            pool.execute(() -> {
                try {
                    new ProxySession(client, implicitTls, ctx, pool, protocol).run();
                } finally {
                    release(address, mine);
                    ctx.metrics().connectionClosed(protocol);
                }
            });
        } catch (RejectedExecutionException full) {
            release(address, mine);
            ctx.metrics().connectionClosed(protocol);
            refuse(client);
        }
    }

    private void release(String address, AtomicInteger mine) {
        open.decrementAndGet();
        if (mine.decrementAndGet() <= 0) {
            perAddress.remove(address, mine);
        }
    }

    private static void refuse(Socket client) {
        try (client) {
            client.setSoTimeout(2_000);
            client.getOutputStream().write("* BYE Too many connections, try again later\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
            // the client is gone either way
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
