package org.mailstack.imap.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import org.mailstack.imap.command.CommandRegistry;
import org.mailstack.imap.command.Dispatcher;
import org.mailstack.imap.session.ServerContext;
import org.mailstack.imap.session.HeaderCache;
import org.mailstack.imap.session.StructureCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IMAP server: {@link #start(ImapServerConfig)} binds the plain port (STARTTLS) and the implicit-TLS port and
 * returns at once; {@link #close()} stops it. Network I/O runs on Netty's event loop; commands run on a separate
 * group of threads, one ordered executor per connection, because they do disk I/O.
 */
public final class ImapServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImapServer.class);
    private static final int STRUCTURE_CACHE_ENTRIES = 50_000;
    private static final long HEADER_CACHE_BYTES = 32L * 1024 * 1024;
    private static final long QUIET_MILLIS = 50;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final EventExecutorGroup commands;
    private final Channel plain;
    private final Channel tls;
    private final ChannelGroup connections;

    private ImapServer(EventLoopGroup boss, EventLoopGroup workers, EventExecutorGroup commands, Channel plain,
                       Channel tls, ChannelGroup connections) {
        this.connections = connections;
        this.boss = boss;
        this.workers = workers;
        this.commands = commands;
        this.plain = plain;
        this.tls = tls;
    }

    /** Binds the configured ports and starts serving. */
    public static ImapServer start(ImapServerConfig config) throws InterruptedException {
        String fileNames = System.getProperty("sun.jnu.encoding", "");
        if (!fileNames.equalsIgnoreCase("UTF-8")) { // set from the locale only, never from the command line
            LOG.warn("file names are encoded as {}: mailboxes with names beyond ASCII cannot be created or opened; "
                    + "start the JVM with LANG=C.UTF-8", fileNames);
        }
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        EventExecutorGroup commands = new DefaultEventExecutorGroup(config.workerThreads());
        ServerContext context = new ServerContext(config.authenticator(), config.stores(), config.loginLimiter(),
                config.relayProof(), new StructureCache(STRUCTURE_CACHE_ENTRIES), new HeaderCache(HEADER_CACHE_BYTES),
                config.allowPlainLogin(), config.greeting(), config.maxLiteralSize());
        Dispatcher dispatcher = new Dispatcher(new CommandRegistry());
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        try {
            Channel plain = config.plainPort() < 0 ? null : bind(config, boss, workers, commands, context, dispatcher,
                    connections, false, config.plainPort());
            Channel tls = config.tlsPort() < 0 ? null : bind(config, boss, workers, commands, context, dispatcher,
                    connections, true, config.tlsPort());
            return new ImapServer(boss, workers, commands, plain, tls, connections);
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            commands.shutdownGracefully();
            throw e;
        }
    }

    private static Channel bind(ImapServerConfig config, EventLoopGroup boss, EventLoopGroup workers,
                                EventExecutorGroup commands, ServerContext context, Dispatcher dispatcher,
                                ChannelGroup connections, boolean implicitTls, int port)
            throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        if (implicitTls) {
                            SSLEngine engine = config.sslContext().createSSLEngine();
                            engine.setUseClientMode(false);
                            ch.pipeline().addLast("tls", new SslHandler(engine));
                        }
                        long idle = config.idleTimeout().toMillis();
                        ch.pipeline().addLast("idle", new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS));
                        ImapFrameDecoder decoder = new ImapFrameDecoder(config.maxLineLength(),
                                config.maxLiteralSize(), config.maxLiteralSize() + config.maxLineLength());
                        ch.pipeline().addLast("frames", decoder);
                        ch.pipeline().addLast(commands, "session",
                                new SessionHandler(context, dispatcher, config.sslContext(), decoder));
                    }
                });
        return b.bind(new InetSocketAddress(config.bindAddress(), port)).sync().channel();
    }

    /** The bound plain (STARTTLS) port, or -1. */
    public int plainPort() {
        return plain == null ? -1 : ((InetSocketAddress) plain.localAddress()).getPort();
    }

    /** The bound implicit-TLS port, or -1. */
    public int tlsPort() {
        return tls == null ? -1 : ((InetSocketAddress) tls.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (plain != null) {
            plain.close().syncUninterruptibly();
        }
        if (tls != null) {
            tls.close().syncUninterruptibly();
        }
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        // a closed channel's last events go back and forth between its event loop and its command thread: both
        // groups stop together, each once neither has had a task for a moment
        var network = workers.shutdownGracefully(QUIET_MILLIS, 2000, TimeUnit.MILLISECONDS);
        var commandThreads = commands.shutdownGracefully(QUIET_MILLIS, 2000, TimeUnit.MILLISECONDS);
        network.awaitUninterruptibly(5, TimeUnit.SECONDS);
        commandThreads.awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
