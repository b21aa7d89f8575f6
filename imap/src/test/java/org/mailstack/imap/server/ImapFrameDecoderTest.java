package org.mailstack.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
        send(ch, "a APPEND x {7+}\r\n{1}\r\n\r\n\r\n");
        assertEquals("a APPEND x {7+}\r\n{1}\r\n\r\n\r\n", command(ch.readInbound()));
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
}
