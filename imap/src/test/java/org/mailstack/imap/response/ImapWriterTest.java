package org.mailstack.imap.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ImapWriterTest {

    private static String write(Consumer<ImapWriter> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.accept(new ImapWriter(out));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tokensAreSpacedAndParenthesised() {
        assertEquals("* 3 FETCH (FLAGS (\\Seen \\Recent) UID 7)\r\n", write(w -> w.untagged().number(3).atom("FETCH")
                .open().atom("FLAGS").atomList(List.of("\\Seen", "\\Recent")).atom("UID").number(7).close().crlf()));
    }

    @Test
    void stringsWithLineBreaksBecomeLiterals() {
        assertEquals("{4}\r\na\r\nb", write(w -> w.string("a\r\nb")));
        assertEquals("\"a \\\"q\\\" \\\\\"", write(w -> w.string("a \"q\" \\")));
        assertEquals("{2}\r\n\u00e9", write(w -> w.string("\u00e9")));
    }

    @Test
    void aPlainLiteralNeverCarriesANulButALiteral8Does() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImapWriter w = new ImapWriter(out);
        byte[] content = {'a', 0, 'b'};
        w.literal(content).literal(new ByteArrayInputStream(content), 3)
                .literal(new ByteArrayInputStream(content), 3, true).string("x\0y");
        assertEquals("{3}\r\na\u0080b {3}\r\na\u0080b ~{3}\r\na\0b {3}\r\nx\u0080y",
                out.toString(StandardCharsets.ISO_8859_1));
        assertEquals(0, content[1], "the caller's bytes are left alone");
    }

    @Test
    void textNeverCarriesControlCharacters() {
        assertEquals("a??b", write(w -> w.text("a\r\nb")));
    }

    @Property
    void aStringNeverInjectsALine(@ForAll String s) {
        String out = write(w -> w.raw("* ").string(s).crlf());
        if (out.startsWith("* \"")) {
            assertEquals(1, out.split("\r\n", -1).length - 1);
        } else {
            assertFalse(out.substring(0, out.indexOf("\r\n")).contains("\n"));
        }
    }
}
