package org.mailstack.imap.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayDeque;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The client's half of COMPRESS=DEFLATE (RFC 4978): inflates raw deflate (RFC 1951, no zlib header) in front of the
 * {@link ImapFrameDecoder}, whose line and literal limits then apply to the inflated bytes.
 *
 * <p>A few compressed octets can stand for a thousand times as many. So the output goes on in pieces of at most
 * {@link #PIECE} octets, and none while the channel is not reading (the frame decoder turns reading off while its
 * frames wait for the session): the compressed rest is kept, and inflated when a read is asked for again. What the
 * connection holds is then bounded by what the socket delivered before reading stopped, one piece, and the frame
 * decoder's own limits. Netty's {@code JdkZlibDecoder} would inflate a whole read at once whatever the channel
 * wants.
 *
 * <p>A stream that does not inflate, or that ends (the client finished its deflate stream, which RFC 4978 gives no
 * meaning), fails the channel as undecodable input.
 */
final class InflateHandler extends ChannelDuplexHandler {
    /** The most inflated octets handed on at once. */
    static final int PIECE = 16 * 1024;
    private static final int INPUT_STEP = 16 * 1024;

    private final Inflater inflater = new Inflater(true);
    private final ArrayDeque<ByteBuf> input = new ArrayDeque<>();
    private final byte[] feed = new byte[INPUT_STEP];
    private boolean failed;
    private boolean reading;
    private boolean readAgain;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        accept(ctx, buf);
    }

    /** Takes compressed bytes (released here) and inflates what the channel wants now. On the event loop. */
    void accept(ChannelHandlerContext ctx, ByteBuf compressed) {
        if (failed || !compressed.isReadable()) {
            compressed.release();
            return;
        }
        input.add(compressed);
        drain(ctx);
    }

    /**
     * A read is asked for (the frame decoder wants more, or reading was turned on again): what is kept is inflated
     * first, and the socket is read only once none is left.
     */
    @Override
    public void read(ChannelHandlerContext ctx) {
        if (reading) { // asked again from inside the read-complete below: the loop goes on instead of the stack
            readAgain = true;
            return;
        }
        reading = true;
        try {
            do {
                readAgain = false;
                if (hasInput()) {
                    drain(ctx);
                    ctx.fireChannelReadComplete();
                }
            } while (readAgain && hasInput());
        } finally {
            reading = false;
        }
        if (!hasInput()) {
            ctx.read();
        }
    }

    private boolean hasInput() {
        return !failed && (!inflater.needsInput() || !input.isEmpty());
    }

    /** Inflates piece by piece while the channel reads, and at least one piece. */
    private void drain(ChannelHandlerContext ctx) {
        boolean handedOn = false;
        while (hasInput() && (!handedOn || ctx.channel().config().isAutoRead())) {
            if (inflater.needsInput()) {
                ByteBuf head = input.peek();
                int n = Math.min(head.readableBytes(), feed.length);
                head.readBytes(feed, 0, n);
                if (!head.isReadable()) {
                    input.poll().release();
                }
                inflater.setInput(feed, 0, n);
            }
            ByteBuf piece = ctx.alloc().heapBuffer(PIECE, PIECE);
            int n;
            try {
                n = inflater.inflate(piece.array(), piece.arrayOffset(), PIECE);
            } catch (DataFormatException e) {
                piece.release();
                fail(ctx, "compressed input does not inflate: " + e.getMessage());
                return;
            }
            if (inflater.finished() || inflater.needsDictionary()) {
                piece.release();
                fail(ctx, "the client ended its compressed stream");
                return;
            }
            if (n == 0) {
                piece.release();
                continue;
            }
            piece.writerIndex(n);
            handedOn = true;
            ctx.fireChannelRead(piece);
        }
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        failed = true;
        discardInput();
        ctx.fireExceptionCaught(new DecoderException(why));
    }

    private void discardInput() {
        while (!input.isEmpty()) {
            input.poll().release();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discardInput();
        inflater.end();
    }
}
