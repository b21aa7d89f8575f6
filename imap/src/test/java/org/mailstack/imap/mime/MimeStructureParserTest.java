package org.mailstack.imap.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.response.BodyStructureWriter;
import org.mailstack.imap.response.EnvelopeWriter;
import org.mailstack.imap.response.ImapWriter;

class MimeStructureParserTest {
    static final String SIMPLE = "From: Alice <alice@example.test>\r\nTo: bob@example.test\r\nSubject: Hi\r\n"
            + "Date: Mon, 7 Feb 1994 21:52:25 -0800\r\nMessage-ID: <1@x>\r\n\r\nHello\r\nWorld\r\n";

    static final String MULTI = "From: a@b.test\r\nSubject: multi\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n"
            + "preamble\r\n--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nfirst part\r\n"
            + "--XX\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\nFrom: c@d.test\r\n\r\ninner body\r\n"
            + "--XX\r\nContent-Type: application/octet-stream; name=x.bin\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=x.bin\r\n\r\nAAEC\r\n--XX--\r\nepilogue\r\n";

    static MimePart parse(String message) throws IOException {
        return MimeStructureParser.parse(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }

    static String bodystructure(MimePart p, boolean extended) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BodyStructureWriter.write(new ImapWriter(out), p, extended);
        return out.toString(StandardCharsets.UTF_8);
    }

    static String slice(String message, long from, long to) {
        return new String(message.getBytes(StandardCharsets.UTF_8), (int) from, (int) (to - from),
                StandardCharsets.UTF_8);
    }

    @Test
    void simpleMessageBodyStructure() throws IOException {
        MimePart p = parse(SIMPLE);
        assertEquals("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 14 2 NIL NIL NIL NIL)",
                bodystructure(p, true));
        assertEquals("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 14 2)", bodystructure(p, false));
        assertEquals("Hello\r\nWorld\r\n", slice(SIMPLE, p.bodyStart(), p.end()));
    }

    @Test
    void envelopeOfSimpleMessage() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EnvelopeWriter.write(new ImapWriter(out), parse(SIMPLE).envelope());
        assertEquals("(\"Mon, 7 Feb 1994 21:52:25 -0800\" \"Hi\" ((\"Alice\" NIL \"alice\" \"example.test\")) "
                + "((\"Alice\" NIL \"alice\" \"example.test\")) ((\"Alice\" NIL \"alice\" \"example.test\")) "
                + "((NIL NIL \"bob\" \"example.test\")) NIL NIL NIL \"<1@x>\")", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void multipartOffsetsPointAtEachPart() throws IOException {
        MimePart root = parse(MULTI);
        assertTrue(root.isMultipart());
        assertEquals(3, root.children().size());
        MimePart first = root.find(List.of(1));
        assertEquals("first part", slice(MULTI, first.bodyStart(), first.end()));
        assertEquals("Content-Type: text/plain; charset=utf-8\r\n\r\n",
                slice(MULTI, first.headerStart(), first.bodyStart()));
        MimePart inner = root.find(List.of(2)).message();
        assertEquals("inner body", slice(MULTI, inner.bodyStart(), inner.end()));
        assertEquals("inner", root.find(List.of(2)).message().envelope().subject());
        MimePart bin = root.find(List.of(3));
        assertEquals("AAEC", slice(MULTI, bin.bodyStart(), bin.end()));
        assertNull(root.find(List.of(4)));
    }

    @Test
    void multipartBodyStructure() throws IOException {
        String bs = bodystructure(parse(MULTI), true);
        assertTrue(bs.startsWith("((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 10 0 NIL NIL NIL NIL)"
                + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" "), bs);
        assertTrue(bs.contains("(\"application\" \"octet-stream\" (\"name\" \"x.bin\") NIL NIL \"base64\" 4 NIL "
                + "(\"attachment\" (\"filename\" \"x.bin\")) NIL NIL)"), bs);
        assertTrue(bs.endsWith(" \"mixed\" (\"boundary\" \"XX\") NIL NIL NIL)"), bs);
    }

    @Test
    void missingCloseBoundaryEndsAtEndOfFile() throws IOException {
        String m = "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n\r\none\r\n--b\r\n\r\ntwo\r\n";
        MimePart root = parse(m);
        assertEquals(2, root.children().size());
        assertEquals("two\r\n", slice(m, root.children().get(1).bodyStart(), root.children().get(1).end()));
    }

    @Test
    void lfOnlyMessagesAreMeasuredToo() throws IOException {
        String m = "Subject: x\n\nline1\nline2\n";
        MimePart root = parse(m);
        assertEquals("line1\nline2\n", slice(m, root.bodyStart(), root.end()));
        assertEquals(2, root.bodyLines());
    }

    @Test
    void deepNestingIsCut() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i)
                    .append("\r\n");
        }
        sb.append("\r\nx\r\n");
        MimePart root = parse(sb.toString());
        assertTrue(bodystructure(root, true).length() > 0);
    }
}
