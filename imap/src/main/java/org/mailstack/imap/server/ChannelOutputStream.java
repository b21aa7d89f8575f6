package org.mailstack.imap.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * The session's response stream: bytes collect in a buffer of at most {@link #CHUNK} octets and go to the channel
 * in chunks. When the peer reads slower than we write (the channel is not writable), the command thread waits for
 * the write to complete, so a large FETCH never holds more than a few chunks in memory.
 */
final class ChannelOutputStream extends OutputStream {
    static final int CHUNK = 64 * 1024;
    private static final long MAX_WAIT_MINUTES = 30;

    private final Channel channel;
    private ByteBuf buffer;
    private boolean noWait;

    ChannelOutputStream(Channel channel) {
        this.channel = channel;
        this.buffer = channel.alloc().buffer(1024);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        buffer.writeByte(b);
        if (buffer.readableBytes() >= CHUNK) {
            send(false);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, CHUNK - buffer.readableBytes());
            buffer.writeBytes(b, off, n);
            off += n;
            len -= n;
            if (buffer.readableBytes() >= CHUNK) {
                send(false);
            }
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        send(true);
    }

    /** Flushes and returns the future of the last write (for closing after it). */
    synchronized ChannelFuture flushAndGet() {
        ByteBuf out = buffer;
        buffer = channel.alloc().buffer(1024);
        return channel.writeAndFlush(out);
    }

    private void send(boolean force) throws IOException {
        if (buffer.readableBytes() == 0 && !force) {
            return;
        }
        if (!channel.isActive()) {
            buffer.clear();
            throw new IOException("connection closed");
        }
        ByteBuf out = buffer;
        buffer = channel.alloc().buffer(Math.min(CHUNK, 1024));
        if (out.readableBytes() == 0) {
            out.release();
            return;
        }
        ChannelFuture f = channel.writeAndFlush(out);
        if (!noWait && !channel.isWritable() && !channel.eventLoop().inEventLoop()) {
            f.awaitUninterruptibly(MAX_WAIT_MINUTES, TimeUnit.MINUTES);
        }
    }

    /** Whether writes wait for a slow peer (they do, unless turned off around one bounded writer). */
    synchronized void waitForPeer(boolean wait) {
        noWait = !wait;
    }

    synchronized void release() {
        if (buffer.refCnt() > 0) {
            buffer.release();
        }
    }
}
