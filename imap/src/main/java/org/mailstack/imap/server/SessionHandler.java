package org.mailstack.imap.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.JdkZlibEncoder;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.mailstack.core.text.SafeText;
import org.mailstack.imap.command.Capabilities;
import org.mailstack.imap.command.Dispatcher;
import org.mailstack.imap.response.ConnectionLostException;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.session.ImapSession;
import org.mailstack.imap.session.ServerContext;
import org.mailstack.imap.session.SpooledMessage;
import org.mailstack.imap.session.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection: runs on the connection's command thread (an ordered executor, never the network thread), greets,
 * hands frames to the {@link Dispatcher}, and implements the session's {@link Transport}.
 */
final class SessionHandler extends SimpleChannelInboundHandler<Frame> implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);

    private final ServerContext server;
    private final Dispatcher dispatcher;
    private final SSLContext sslContext;
    private final ImapFrameDecoder decoder;
    private final Queue<Frame> held = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private ChannelOutputStream out;
    private ImapSession session;
    private boolean deferred;
    private boolean tlsStarting;
    private boolean compressing;
    private final List<SpooledMessage> spooling = new ArrayList<>();

    SessionHandler(ServerContext server, Dispatcher dispatcher, SSLContext sslContext, ImapFrameDecoder decoder) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.sslContext = sslContext;
        this.decoder = decoder;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.out = new ChannelOutputStream(ctx.channel());
        this.session = new ImapSession(server, this, new ImapWriter(out));
        session.writer().untagged().raw("OK [CAPABILITY " + Capabilities.of(session) + "] ")
                .text(server.hostName() + " IMAP4rev1 ready.").crlf().flush();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (deferred) {
            held.add(frame);
            return;
        }
        handle(frame);
    }

    private void handle(Frame frame) {
        try {
            dispatch(frame);
        } catch (ConnectionLostException e) { // the client went away, maybe right after LOGOUT: nothing to report
            LOG.debug("connection of {} lost: {}", peer(), e.getMessage());
            ctx.channel().close();
        } finally {
            decoder.released(frame.weight(), ctx.channel());
        }
    }

    private void dispatch(Frame frame) {
        ImapWriter w = session.writer();
        if (frame instanceof Frame.LiteralChunk chunk) {
            spooling.get(spooling.size() - 1).write(chunk.bytes());
        } else if (frame instanceof Frame.LiteralStart start) {
            if (!spooling.isEmpty()) {
                spooling.get(spooling.size() - 1).complete(); // one open file at a time
            }
            spooling.add(SpooledMessage.start(session.store()));
            if (start.synchronising()) {
                w.raw("+ OK").crlf().flush();
            }
        } else if (frame instanceof Frame.Command c) {
            if (!spooling.isEmpty()) {
                spooling.get(spooling.size() - 1).complete();
            }
            session.spooled(spooling);
            boolean compressedBefore = compressing;
            try {
                dispatcher.handle(session, c.bytes());
            } finally {
                session.spooled(List.of());
                discardSpooled();
            }
            String layer = ImapFrameDecoder.layerCommand(c.bytes());
            boolean started = "STARTTLS".equals(layer) ? tlsStarting : compressing != compressedBefore;
            if (layer != null && !started) { // the decoder paused behind it: what follows is plain as before
                ctx.channel().eventLoop().execute(() -> decoder.resume(ctx));
            }
        } else if (frame instanceof Frame.ContinueLiteral) {
            w.raw("+ OK").crlf().flush();
        } else if (frame instanceof Frame.LineTooLong t) {
            discardSpooled();
            w.raw(t.tag() == null ? "*" : t.tag()).raw(" BAD ").text("Command line too long.").crlf().flush();
        } else if (frame instanceof Frame.LiteralTooBig t) {
            discardSpooled();
            w.raw(t.tag() == null ? "*" : t.tag()).raw(" NO [TOOBIG] ").text("Literal too big.").crlf().flush();
        } else if (frame instanceof Frame.CommandRefused t) {
            discardSpooled();
            w.raw(t.tag() == null ? "*" : t.tag()).raw(" BAD ").text(t.text() + ".").crlf().flush();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            session.writer().untagged().raw("BYE ").text("Autologout; idle for too long").crlf();
            close();
        }
    }

    /**
     * A client that goes away (end of stream, reset, broken pipe, a closed channel) or sends what cannot be decoded
     * is normal and logged at DEBUG only; anything else is a failure of the session, logged as one line with its
     * cause (the stack trace at DEBUG).
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof TooLongFrameException
                || cause instanceof TooLongFrameException) {
            try {
                session.writer().untagged().raw("BYE [TOOBIG] ").text("Literal too big.").crlf();
            } catch (ConnectionLostException e) {
                LOG.debug("connection of {} lost: {}", peer(), e.getMessage());
            }
        } else if (isClientSide(cause)) {
            LOG.debug("connection of {} ended: {}", peer(), cause.toString());
        } else {
            LOG.warn("session of {} failed: {}", peer(), oneLine(cause));
            LOG.debug("session of {} failed", peer(), cause);
        }
        close();
    }

    /**
     * The socket's errors (Netty reports them as they are: reset, broken pipe), a write to a connection already
     * gone, or input that cannot be decoded (including a failed TLS handshake).
     */
    private static boolean isClientSide(Throwable cause) {
        return cause instanceof IOException || cause instanceof ConnectionLostException
                || cause instanceof DecoderException;
    }

    /** The exception and its causes on one line of at most 1000 characters (core's {@link SafeText#oneLine}). */
    static String oneLine(Throwable cause) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = cause; t != null && sb.length() < 1000; t = t.getCause()) {
            sb.append(sb.length() == 0 ? "" : "; caused by ").append(t);
        }
        return SafeText.oneLine(sb, 1000);
    }

    private void discardSpooled() {
        for (SpooledMessage m : spooling) {
            m.close();
        }
        spooling.clear();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discardSpooled();
        if (session != null) {
            if (session.continuation() != null) {
                session.continuation().abort();
                session.continuation(null);
            }
            session.logout();
        }
        if (out != null) {
            out.release();
        }
    }

    /** The client's address for a log line (null once the channel has forgotten it). */
    private Object peer() {
        return ctx == null ? null : ctx.channel().remoteAddress();
    }

    // ---- Transport --------------------------------------------------------------------------------------------

    @Override
    public InetAddress remoteAddress() {
        return ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
    }

    @Override
    public boolean isTls() {
        return ctx.pipeline().get(SslHandler.class) != null;
    }

    @Override
    public boolean canStartTls() {
        return sslContext != null && !isTls() && !tlsStarting;
    }

    @Override
    public void startTls(String okLine) {
        tlsStarting = true;
        session.writer().flush();
        ctx.channel().eventLoop().execute(() -> {
            SSLEngine engine = sslContext.createSSLEngine();
            engine.setUseClientMode(false);
            ctx.pipeline().addFirst("tls", new SslHandler(engine, true));
            decoder.resumeAfterTls();
            ctx.channel().writeAndFlush(Unpooled.copiedBuffer(okLine, StandardCharsets.US_ASCII));
        });
    }

    @Override
    public boolean isCompressed() {
        return compressing;
    }

    /**
     * Sends {@code okLine} as it is, then puts raw deflate (RFC 4978, RFC 1951) under the session: behind TLS when it
     * is there, in front of the frame decoder. The encoder ends each write with a sync flush, so every response
     * reaches the client whole; the bytes the client sent behind COMPRESS are inflated first.
     */
    @Override
    public void startCompression(String okLine) {
        compressing = true;
        session.writer().flush();
        ctx.channel().eventLoop().execute(() -> {
            // on the event loop a write passes the pipeline at once: the OK goes out before the encoder is there
            ctx.channel().writeAndFlush(Unpooled.copiedBuffer(okLine, StandardCharsets.US_ASCII));
            if (!ctx.channel().isActive()) {
                return;
            }
            ChannelPipeline p = ctx.pipeline();
            InflateHandler inflate = new InflateHandler();
            p.addBefore("frames", "deflate", new JdkZlibEncoder(ZlibWrapper.NONE));
            p.addBefore("frames", "inflate", inflate);
            inflate.accept(p.context(inflate), decoder.resumeCompressed(ctx));
        });
    }

    @Override
    public void close() {
        try {
            out.flushAndGet().addListener(ChannelFutureListener.CLOSE);
        } catch (RuntimeException e) {
            ctx.channel().close();
        }
    }

    @Override
    public void execute(Runnable task) {
        ctx.executor().execute(task);
    }

    @Override
    public void schedule(Runnable task, long delay, TimeUnit unit) {
        ctx.executor().schedule(guard(task), delay, unit);
    }

    @Override
    public AutoCloseable scheduleRepeating(Runnable task, long period, TimeUnit unit) {
        ScheduledFuture<?> f = ctx.executor().scheduleWithFixedDelay(guard(task), period, period, unit);
        return () -> f.cancel(false);
    }

    @Override
    public boolean backlogged() {
        return !ctx.channel().isWritable();
    }

    @Override
    public void writeWithoutWaiting(Runnable task) {
        out.waitForPeer(false);
        try {
            task.run();
            if (ctx.channel().isActive()) {
                out.flushAndGet();
            }
        } finally {
            out.waitForPeer(true);
        }
    }

    @Override
    public void deferInput(long millis, Runnable then) {
        deferred = true;
        ctx.executor().schedule(() -> {
            deferred = false;
            guard(then).run();
            while (!deferred && !held.isEmpty()) {
                handle(held.poll());
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    private Runnable guard(Runnable task) {
        return () -> {
            if (!ctx.channel().isActive()) {
                return;
            }
            try {
                task.run();
            } catch (ConnectionLostException e) {
                LOG.debug("connection of {} lost: {}", peer(), e.getMessage());
                ctx.channel().close();
            } catch (RuntimeException e) {
                LOG.warn("session task of {} failed: {}", peer(), oneLine(e));
                LOG.debug("session task of {} failed", peer(), e);
                ctx.channel().close();
            }
        };
    }
}
