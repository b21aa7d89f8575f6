package org.mailstack.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The inflating layer in front of the frame decoder: a small compressed input never becomes a large held one. */
class InflateHandlerTest {

    /** Raw DEFLATE (RFC 1951) of {@code copies} times {@code unit}, sync-flushed, as a client sends it. */
    private static byte[] deflate(byte[] unit, int copies) {
        return deflate(unit, copies, new byte[0]);
    }

    /** The same followed by {@code tail}. */
    private static byte[] deflate(byte[] unit, int copies, byte[] tail) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        for (int i = 0; i <= copies; i++) {
            d.setInput(i < copies ? unit : tail);
            while (!d.needsInput()) {
                out.write(buf, 0, d.deflate(buf, 0, buf.length, Deflater.NO_FLUSH));
            }
        }
        int n;
        do {
            n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            out.write(buf, 0, n);
        } while (n == buf.length);
        d.end();
        return out.toByteArray();
    }

    /** Notes the largest buffer that passes it. */
    private static final class Largest extends ChannelInboundHandlerAdapter {
        int largest;
        long total;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            int n = ((ByteBuf) msg).readableBytes();
            largest = Math.max(largest, n);
            total += n;
            ctx.fireChannelRead(msg);
        }
    }

    @Test
    void pipelinedCommandsStopInflatingWhileTheirFramesWaitAndAllArriveInTheEnd() {
        int commands = 250_000;
        byte[] compressed = deflate("a NOOP\r\n".getBytes(StandardCharsets.US_ASCII), commands);
        assertTrue(compressed.length < 64 * 1024, "the bomb is small: " + compressed.length);
        ImapFrameDecoder decoder = new ImapFrameDecoder(1000, 1000, 2000);
        Largest pieces = new Largest();
        EmbeddedChannel ch = new EmbeddedChannel(new InflateHandler(), pieces, decoder);
        ch.writeInbound(Unpooled.wrappedBuffer(compressed));

        long bound = ImapFrameDecoder.PENDING_HIGH + (InflateHandler.PIECE / 8 + 2L) * (Frame.OVERHEAD + 8);
        int seen = 0;
        for (int round = 0; seen < commands && round < 10_000; round++) {
            long held = 0;
            Object frame;
            while ((frame = ch.readInbound()) != null) {
                assertInstanceOf(Frame.Command.class, frame);
                held += ((Frame) frame).weight();
                seen++;
            }
            assertTrue(held <= bound, "round " + round + " held " + held + " bytes of frames");
            if (seen < commands) {
                assertFalse(ch.config().isAutoRead(), "reading stops while frames wait");
            }
            decoder.released((int) held, ch); // the session is done with them: reading starts again
            ch.runPendingTasks();
        }
        assertEquals(commands, seen);
        assertTrue(pieces.largest <= InflateHandler.PIECE, "handed on at once: " + pieces.largest);
        assertEquals(8L * commands, pieces.total);
        ch.finishAndReleaseAll();
    }

    @Test
    void whileTheChannelDoesNotReadOnePieceIsInflatedPerReadAskedFor() {
        byte[] line = new byte[1024 * 1024];
        Arrays.fill(line, (byte) 'x');
        byte[] compressed = deflate(line, 16, new byte[0]); // 16 MiB without a line end
        assertTrue(compressed.length < 128 * 1024, "the bomb is small: " + compressed.length);
        Largest pieces = new Largest();
        EmbeddedChannel ch = new EmbeddedChannel(new InflateHandler(), pieces);
        ch.config().setAutoRead(false);
        ch.writeInbound(Unpooled.wrappedBuffer(compressed));
        assertEquals(InflateHandler.PIECE, pieces.total, "one piece for the read that brought the input");
        ch.read();
        assertEquals(2L * InflateHandler.PIECE, pieces.total, "and one for each read asked for");
        ch.config().setAutoRead(true);
        assertEquals(16L * line.length, pieces.total, "reading on, the rest is inflated");
        assertEquals(InflateHandler.PIECE, pieces.largest);
        ch.finishAndReleaseAll();
    }

    @Test
    void aHugeInflatedLineMeetsTheFrameDecodersLineLimitAndIsSkipped() {
        byte[] line = new byte[1024 * 1024];
        Arrays.fill(line, (byte) 'x');
        byte[] compressed = deflate(line, 16, "\r\nb NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        Largest pieces = new Largest();
        EmbeddedChannel ch = new EmbeddedChannel(new InflateHandler(), pieces,
                new ImapFrameDecoder(64 * 1024, 1000, 2000));
        ch.writeInbound(Unpooled.wrappedBuffer(compressed));
        assertEquals(new Frame.LineTooLong(null), ch.readInbound());
        assertEquals("b NOOP\r\n", new String(assertInstanceOf(Frame.Command.class, ch.readInbound()).bytes(),
                StandardCharsets.US_ASCII));
        assertTrue(pieces.largest <= InflateHandler.PIECE);
        ch.finishAndReleaseAll();
    }

    @Test
    void inputThatDoesNotInflateFailsTheChannel() {
        EmbeddedChannel ch = new EmbeddedChannel(new InflateHandler(), new ImapFrameDecoder(1000, 1000, 2000));
        DecoderException e = assertThrows(DecoderException.class,
                () -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3})));
        assertTrue(e.getMessage().contains("does not inflate"), e.getMessage());
        ch.finishAndReleaseAll();
    }
}
