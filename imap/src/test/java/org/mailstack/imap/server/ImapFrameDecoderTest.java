package org.mailstack.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailstack.imap.parse.AppendRequest.LiteralKind.MESSAGE;
import static org.mailstack.imap.parse.AppendRequest.LiteralKind.TEXT;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;

class ImapFrameDecoderTest {

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new ImapFrameDecoder(100, 50, 200));
    }

    private static void send(EmbeddedChannel ch, String s) {
        ch.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1));
    }

    private static String command(Object frame) {
        return new String(assertInstanceOf(Frame.Command.class, frame).bytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void linesArriveInPieces() {
        EmbeddedChannel ch = channel();
        send(ch, "a NO");
        assertNull(ch.readInbound());
        send(ch, "OP\r\nb NOOP\r\n");
        assertEquals("a NOOP\r\n", command(ch.readInbound()));
        assertEquals("b NOOP\r\n", command(ch.readInbound()));
    }

    @Test
    void synchronisingLiteralAsksForContinuationAndIsInlined() {
        EmbeddedChannel ch = channel();
        send(ch, "a LOGIN {3}\r\n");
        assertInstanceOf(Frame.ContinueLiteral.class, ch.readInbound());
        send(ch, "bob {2+}\r\npw\r\n");
        assertEquals("a LOGIN {3}\r\nbob {2+}\r\npw\r\n", command(ch.readInbound()));
    }

    @Test
    void literalMayContainLineBreaksAndBraces() {
        EmbeddedChannel ch = channel();
        send(ch, "a LOGIN x {7+}\r\n{1}\r\n\r\n\r\n");
        assertEquals("a LOGIN x {7+}\r\n{1}\r\n\r\n\r\n", command(ch.readInbound()));
    }

    @Test
    void tooLongLineIsSkippedAndReportedWithItsTag() {
        EmbeddedChannel ch = channel();
        send(ch, "t1 NOOP " + "x".repeat(200) + "\r\nt2 NOOP\r\n");
        assertEquals("t1", assertInstanceOf(Frame.LineTooLong.class, ch.readInbound()).tag());
        assertEquals("t2 NOOP\r\n", command(ch.readInbound()));
    }

    @Test
    void tooBigSynchronisingLiteralIsRefusedBeforeItIsSent() {
        EmbeddedChannel ch = channel();
        send(ch, "t1 APPEND x {51}\r\nt2 NOOP\r\n");
        assertEquals("t1", assertInstanceOf(Frame.LiteralTooBig.class, ch.readInbound()).tag());
        assertEquals("t2 NOOP\r\n", command(ch.readInbound()));
    }

    @Test
    void tooBigNonSynchronisingLiteralFailsTheConnection() {
        EmbeddedChannel ch = channel();
        assertThrows(DecoderException.class, () -> send(ch, "t1 APPEND x {51+}\r\n"));
    }

    @Test
    void plainTextAfterStartTlsIsDropped() {
        EmbeddedChannel ch = channel();
        send(ch, "a STARTTLS\r\nb LOGIN injected pw\r\n");
        assertEquals("a STARTTLS\r\n", command(ch.readInbound()));
        assertNull(ch.readInbound());
    }

    private static String chunk(Object frame) {
        return new String(assertInstanceOf(Frame.LiteralChunk.class, frame).bytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void appendMessageLiteralStreamsInChunksAndTheCommandCarriesAnEmptyLiteral() {
        EmbeddedChannel ch = new EmbeddedChannel(new ImapFrameDecoder(100, 10_000, 200));
        send(ch, "a APPEND {5}\r\n");
        assertInstanceOf(Frame.ContinueLiteral.class, ch.readInbound(), "the mailbox name is held as usual");
        send(ch, "INBOX (\\Seen) \"05-Jan-2024 10:00:00 +0100\" {1012}\r\n");
        assertTrue(assertInstanceOf(Frame.LiteralStart.class, ch.readInbound()).synchronising());
        send(ch, "hello ");
        assertEquals("hello ", chunk(ch.readInbound()));
        send(ch, "x".repeat(1000) + "world!\r\n");
        assertEquals("x".repeat(1000) + "world!", chunk(ch.readInbound()));
        assertEquals("a APPEND {5}\r\nINBOX (\\Seen) \"05-Jan-2024 10:00:00 +0100\" {0}\r\n\r\n",
                command(ch.readInbound()), "a literal over the command limit is fine when it is streamed");
    }

    @Test
    void nonSynchronisingAppendLiteralStreamsWithoutContinuation() {
        EmbeddedChannel ch = channel();
        send(ch, "a APPEND x {3+}\r\nabc\r\nb NOOP\r\n");
        assertEquals(false, assertInstanceOf(Frame.LiteralStart.class, ch.readInbound()).synchronising());
        assertEquals("abc", chunk(ch.readInbound()));
        assertEquals("a APPEND x {0}\r\n\r\n", command(ch.readInbound()));
        assertEquals("b NOOP\r\n", command(ch.readInbound()));
    }

    @Test
    void readingStopsWhileTooManyLiteralBytesWaitAndResumesWhenReleased() {
        ImapFrameDecoder decoder = new ImapFrameDecoder(100, 10_000_000, 200);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        send(ch, "a APPEND x {3000000+}\r\n");
        byte[] block = new byte[ImapFrameDecoder.PENDING_HIGH + 1];
        ch.writeInbound(Unpooled.wrappedBuffer(block));
        assertFalse(ch.config().isAutoRead(), "the connection holds at most about PENDING_HIGH bytes");
        int held = 0;
        Object frame;
        while ((frame = ch.readInbound()) != null) {
            if (frame instanceof Frame.LiteralChunk c) {
                assertTrue(c.bytes().length <= 64 * 1024);
                held += c.bytes().length;
            }
        }
        assertEquals(block.length, held);
        decoder.released(held - ImapFrameDecoder.PENDING_LOW, ch);
        ch.runPendingTasks();
        assertFalse(ch.config().isAutoRead());
        decoder.released(ImapFrameDecoder.PENDING_LOW, ch);
        ch.runPendingTasks();
        assertTrue(ch.config().isAutoRead());
    }

    @Test
    void everyDataLiteralOfAMultiappendWithCatenateIsStreamedAndUrlLiteralsAreHeld() {
        EmbeddedChannel ch = new EmbeddedChannel(new ImapFrameDecoder(100, 10_000, 200));
        send(ch, "a APPEND INBOX {3+}\r\nabc (\\Seen) {0}\r\n");
        assertFalse(assertInstanceOf(Frame.LiteralStart.class, ch.readInbound()).synchronising());
        assertEquals("abc", chunk(ch.readInbound()));
        assertTrue(assertInstanceOf(Frame.LiteralStart.class, ch.readInbound()).synchronising(),
                "an empty literal is a data literal too, with no chunk");
        assertNull(ch.readInbound());
        send(ch, " CATENATE (URL {6}\r\n");
        assertInstanceOf(Frame.ContinueLiteral.class, ch.readInbound());
        send(ch, ";UID=1 TEXT {2+}\r\nxy)\r\n");
        assertInstanceOf(Frame.LiteralStart.class, ch.readInbound());
        assertEquals("xy", chunk(ch.readInbound()));
        assertEquals("a APPEND INBOX {0}\r\n (\\Seen) {0}\r\n CATENATE (URL {6}\r\n;UID=1 TEXT {0}\r\n)\r\n",
                command(ch.readInbound()));
    }

    @Test
    void theDataLiteralsOfOneAppendShareTheLiteralLimit() {
        EmbeddedChannel ch = new EmbeddedChannel(new ImapFrameDecoder(100, 50, 200));
        send(ch, "a APPEND INBOX {30+}\r\n" + "x".repeat(30) + " {30}\r\nb NOOP\r\n");
        assertInstanceOf(Frame.LiteralStart.class, ch.readInbound());
        chunk(ch.readInbound());
        assertEquals("a", assertInstanceOf(Frame.LiteralTooBig.class, ch.readInbound()).tag());
        assertEquals("b NOOP\r\n", command(ch.readInbound()));
    }

    @Test
    void aRefusedCommandsNonSynchronisingLiteralsAreReadAndDropped() {
        EmbeddedChannel ch = new EmbeddedChannel(new ImapFrameDecoder(10_000, 10_000, 100_000));
        StringBuilder sb = new StringBuilder("a APPEND INBOX {1+}\r\nx");
        for (int i = 0; i < 1005; i++) {
            sb.append(" {1+}\r\n").append(i % 10);
        }
        send(ch, sb.append(" {8+}\r\nb NOOP\r\n\r\nc NOOP\r\n").toString());
        int starts = 0;
        Object frame;
        while ((frame = ch.readInbound()) instanceof Frame.LiteralStart || frame instanceof Frame.LiteralChunk) {
            starts += frame instanceof Frame.LiteralStart ? 1 : 0;
        }
        assertEquals(1000, starts);
        Frame.CommandRefused refused = assertInstanceOf(Frame.CommandRefused.class, frame);
        assertEquals("a", refused.tag());
        assertEquals("Too many literals in one APPEND", refused.text());
        assertEquals("c NOOP\r\n", command(ch.readInbound()), "the literal that looked like a command was dropped");
    }

    @Test
    void bytesBehindCompressAreHeldAndGoToTheCompressionLayerOrAreDecodedWhenRefused() {
        ImapFrameDecoder decoder = new ImapFrameDecoder(100, 50, 200);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        send(ch, "a COMPRESS DEFLATE\r\n\u0001\u00ffb NOOP\r\n");
        assertEquals("a COMPRESS DEFLATE\r\n", command(ch.readInbound()));
        assertNull(ch.readInbound(), "nothing behind COMPRESS is decoded before the session has answered");
        ByteBuf held = decoder.resumeCompressed(ch.pipeline().firstContext());
        assertEquals("\u0001\u00ffb NOOP\r\n", held.toString(StandardCharsets.ISO_8859_1));
        held.release();
        send(ch, "c NOOP\r\n");
        assertEquals("c NOOP\r\n", command(ch.readInbound()));

        send(ch, "d compress LZW\r\ne NOOP\r\n");
        assertEquals("d compress LZW\r\n", command(ch.readInbound()));
        assertNull(ch.readInbound());
        decoder.resume(ch.pipeline().firstContext());
        assertEquals("e NOOP\r\n", command(ch.readInbound()), "refused: what followed was plain text");
    }

    @Test
    void layerCommandsAreStartTlsAndCompressOnly() {
        assertEquals("STARTTLS", ImapFrameDecoder.layerCommand(bytes("a StartTLS\r\n")));
        assertEquals("COMPRESS", ImapFrameDecoder.layerCommand(bytes("a COMPRESS DEFLATE\r\n")));
        assertEquals("COMPRESS", ImapFrameDecoder.layerCommand(bytes("a compress\r\n")));
        assertNull(ImapFrameDecoder.layerCommand(bytes("a STARTTLS x\r\n")));
        assertNull(ImapFrameDecoder.layerCommand(bytes("a COMPRESSX\r\n")));
        assertNull(ImapFrameDecoder.layerCommand(bytes("a NOOP COMPRESS\r\n")));
        assertNull(ImapFrameDecoder.layerCommand(bytes("COMPRESS\r\n")));
    }

    @Test
    void appendDetectionNeedsTheMessagePosition() {
        assertEquals(MESSAGE, ImapFrameDecoder.literalKind(bytes("a APPEND INBOX {3}\r\n")));
        assertEquals(MESSAGE, ImapFrameDecoder.literalKind(bytes("a append \"a b\" (\\Seen) {3}\r\n")));
        assertEquals(MESSAGE, ImapFrameDecoder.literalKind(bytes("a APPEND INBOX ~{3}\r\n")), "a literal8");
        assertNull(ImapFrameDecoder.literalKind(bytes("a APPEND {3}\r\n")), "that is the mailbox");
        assertNull(ImapFrameDecoder.literalKind(bytes("a LOGIN bob {3}\r\n")));
        assertNull(ImapFrameDecoder.literalKind(bytes("a APPEND INBOX (\\Seen {3}\r\n")));
        // MULTIAPPEND: the next message after one already streamed
        assertEquals(MESSAGE, ImapFrameDecoder.literalKind(bytes("a APPEND INBOX {0}\r\n (\\Seen) {3}\r\n")));
        assertEquals(MESSAGE, ImapFrameDecoder.literalKind(bytes("a APPEND INBOX {0}\r\n {3+}\r\n")));
        assertNull(ImapFrameDecoder.literalKind(bytes("a APPEND INBOX {0}\r\n{3}\r\n")), "no space between");
        // CATENATE: TEXT literals are data, a URL given as a literal is held
        assertEquals(TEXT, ImapFrameDecoder.literalKind(bytes("a APPEND INBOX CATENATE (TEXT {3}\r\n")));
        assertEquals(TEXT, ImapFrameDecoder.literalKind(
                bytes("a APPEND INBOX CATENATE (URL \"/INBOX/;UID=1\" text {0}\r\n TEXT {3}\r\n")));
        assertNull(ImapFrameDecoder.literalKind(bytes("a APPEND INBOX CATENATE (URL {3}\r\n")));
        assertEquals(TEXT, ImapFrameDecoder.literalKind(
                bytes("a APPEND INBOX CATENATE (URL {3}\r\n;x1 TEXT {3}\r\n")));
        assertEquals(MESSAGE, ImapFrameDecoder.literalKind(
                bytes("a APPEND INBOX CATENATE (TEXT {0}\r\n) {3}\r\n")), "a plain message after a CATENATE");
        assertNull(ImapFrameDecoder.literalKind(bytes("a APPEND INBOX CATENATE TEXT {3}\r\n")), "no list");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
