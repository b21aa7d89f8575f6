package org.mailstack.core.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The content rule both receivers apply, byte by byte. */
class MessageContentTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private ContentVerdict copy(String text, long max) throws IOException {
        return MessageContent.copy(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), out, max);
    }

    @Test
    void copiesAWellFormedMessage() throws IOException {
        String message = "Subject: x\r\n\r\nline one\r\nline two\r\n";
        assertEquals(ContentVerdict.OK, copy(message, 1000));
        assertArrayEquals(message.getBytes(StandardCharsets.ISO_8859_1), out.toByteArray());
    }

    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of("empty message", "", ContentVerdict.OK),
                Arguments.of("smuggling attempt", "Subject: x\r\n\r\nsmuggled\n.\nMAIL FROM:<a@b.c>\r\n",
                        ContentVerdict.BARE_NEWLINE),
                Arguments.of("bare LF first", "\nSubject: x\r\n", ContentVerdict.BARE_NEWLINE),
                Arguments.of("bare CR", "Subject: x\rBcc: y\r\n", ContentVerdict.BARE_NEWLINE),
                Arguments.of("trailing CR", "Subject: x\r\n\r", ContentVerdict.BARE_NEWLINE),
                Arguments.of("NUL octet", "Subject: x\0y\r\n", ContentVerdict.NUL),
                Arguments.of("bare LF before a NUL", "a\n\0\r\n", ContentVerdict.BARE_NEWLINE),
                Arguments.of("8-bit text", "Subject: gr\u00fc\u00dfe\r\n\r\n\u00e9t\u00e9\r\n", ContentVerdict.OK),
                Arguments.of("998 octets", "a".repeat(998) + "\r\n", ContentVerdict.OK),
                Arguments.of("999 octets", "a".repeat(999) + "\r\n", ContentVerdict.LINE_TOO_LONG),
                Arguments.of("exactly the limit", "x\r\n".repeat(1000), ContentVerdict.OK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void verdict(String name, String text, ContentVerdict expected) throws IOException {
        assertEquals(expected, copy(text, 3000));
    }

    @Test
    void theMxLimitLeavesRoomForItsTraceHeaderWithinTheAccountLimit() {
        assertEquals(MessageContent.ACCOUNT_MAX_BYTES - MessageContent.TRACE_ROOM,
                MessageContent.largestRelayable(MessageContent.ACCOUNT_MAX_BYTES));
    }

    @Test
    void tooBigIsRefusedAndNothingPastTheLimitIsWritten() throws IOException {
        assertEquals(ContentVerdict.TOO_BIG, copy("x\r\n".repeat(100_000), 1000));
        assertTrue(out.size() <= 1000, "wrote " + out.size());
    }

    @Test
    void refusedStreamIsStillReadToItsEnd() throws IOException {
        byte[] data = ("a\nb" + "c\r\n".repeat(50_000)).getBytes(StandardCharsets.ISO_8859_1);
        InputStream in = new ByteArrayInputStream(data);
        assertEquals(ContentVerdict.BARE_NEWLINE, MessageContent.copy(in, out, Long.MAX_VALUE));
        assertEquals(-1, in.read());
    }

    @Test
    void problemsAcrossBufferBoundariesAreFound() throws IOException {
        String head = ("y".repeat(98) + "\r\n").repeat(163) + "y".repeat(83) + "\r";
        assertEquals(16384, head.length());
        assertEquals(ContentVerdict.BARE_NEWLINE, copy(head + "z\r\n", 100_000));
        out.reset();
        assertEquals(ContentVerdict.OK, copy(head + "\n", 100_000));
    }
}
