package org.mailstack.core.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link MessageContent} against a straightforward model: OK exactly when every CR is followed by LF,
 * every LF follows a CR, no octet is NUL and no line exceeds 998 octets; then the output equals the input. And a well-formed message
 * is refused for its size exactly when it is over the limit.
 */
class MessageContentPropertyTest {

    @Provide
    Arbitrary<byte[]> messages() {
        Arbitrary<Byte> bytes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(40, Arbitraries.bytes().between((byte) 'a', (byte) 'z')),
                net.jqwik.api.Tuple.of(3, Arbitraries.just((byte) '\r')),
                net.jqwik.api.Tuple.of(3, Arbitraries.just((byte) '\n')),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((byte) 0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes()));
        Arbitrary<byte[]> lines = Arbitraries.oneOf(
                bytes.array(byte[].class).ofMaxSize(1100),
                Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(1005).map(s -> (s + "\r\n").getBytes()));
        return lines.list().ofMaxSize(30).map(MessageContentPropertyTest::concat);
    }

    @Property(tries = 400)
    void verdictMatchesTheModel(@ForAll("messages") byte[] message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContentVerdict verdict = MessageContent.copy(new ByteArrayInputStream(message), out, Long.MAX_VALUE);
        ContentVerdict expected = model(message);
        if (verdict != expected) {
            throw new AssertionError("expected " + expected + " but got " + verdict);
        }
        if (verdict == ContentVerdict.OK && !Arrays.equals(message, out.toByteArray())) {
            throw new AssertionError("an accepted message must be copied unchanged");
        }
    }

    @Property(tries = 200)
    void sizeLimitIsExact(@ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 3000) int lines,
                          @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 40_000) long max)
            throws IOException {
        byte[] message = "0123456789abc\r\n".repeat(lines).getBytes();
        ContentVerdict verdict = MessageContent.copy(new ByteArrayInputStream(message), new ByteArrayOutputStream(), max);
        ContentVerdict expected = message.length > max ? ContentVerdict.TOO_BIG : ContentVerdict.OK;
        if (verdict != expected) {
            throw new AssertionError(message.length + " bytes, limit " + max + ": " + verdict);
        }
    }

    /** The first problem in reading order decides. */
    private static ContentVerdict model(byte[] m) {
        int line = 0;
        for (int i = 0; i < m.length; i++) {
            byte b = m[i];
            boolean prevCr = i > 0 && m[i - 1] == '\r';
            if (prevCr && b != '\n' || b == '\n' && !prevCr) {
                return ContentVerdict.BARE_NEWLINE;
            }
            if (b == 0) {
                return ContentVerdict.NUL;
            }
            if (b == '\n') {
                line = 0;
            } else if (b != '\r' && ++line > MessageContent.MAX_LINE) {
                return ContentVerdict.LINE_TOO_LONG;
            }
        }
        return m.length > 0 && m[m.length - 1] == '\r' ? ContentVerdict.BARE_NEWLINE : ContentVerdict.OK;
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        parts.forEach(all::writeBytes);
        return all.toByteArray();
    }
}
