package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;
import org.mailstack.imap.testkit.StrictImapClient;
import org.mailstack.imap.testkit.StrictResponseReader.Str;

/** BINARY (RFC 3516): FETCH BINARY[], BINARY.PEEK, BINARY.SIZE, UNKNOWN-CTE and APPEND with a literal8. */
class BinaryFetchTest extends ConversationTest {
    private static String part(String encoding, String body) {
        return "--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: " + encoding + "\r\n\r\n" + body + "\r\n";
    }

    private static final String MULTI = "From: a@x.test\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
            + part("base64", Base64.getEncoder().encodeToString("hello world".getBytes()))
            + part("quoted-printable", "caf=C3=A9 =\r\nx")
            + part("7bit", "plain")
            + part("x-unknown", "odd")
            + "--b--\r\n";

    private ImapTestClient c;

    @BeforeEach
    void select() throws Exception {
        deliver("INBOX", MULTI);
        deliver("INBOX", "From: a@x.test\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getEncoder().encodeToString("top level".getBytes()) + "\r\n");
        c = server.loggedIn();
        assertHas(c.command("CAPABILITY"), "\\* CAPABILITY .* BINARY .*");
        assertOk(c.command("SELECT INBOX"));
    }

    @Test
    void decodedPartsAreLiteral8AndOthersPlainLiterals() throws Exception {
        List<String> r = c.command("FETCH 1 (BINARY.PEEK[1] BINARY.SIZE[2] BINARY.PEEK[2] BINARY.PEEK[3] "
                + "BINARY.PEEK[1]<6> BINARY.PEEK[9])");
        assertHas(r, "(?s)\\* 1 FETCH \\(BINARY\\[1\\] ~\\{11\\}\r\nhello world BINARY.SIZE\\[2\\] 7 "
                + "BINARY\\[2\\] ~\\{7\\}\r\ncafé x BINARY\\[3\\] \\{5\\}\r\nplain "
                + "BINARY\\[1\\]<6> ~\\{5\\}\r\nworld BINARY\\[9\\] \\{0\\}\r\n\\)");
        assertHas(c.command("FETCH 1 FLAGS"), "\\* 1 FETCH \\(FLAGS \\(\\\\Recent\\)\\)");
    }

    @Test
    void wholeSingleMessageIsDecodedWithItsHeaderSayingBinary() throws Exception {
        List<String> r = c.command("FETCH 2 (BINARY[] BINARY.SIZE[TEXT])");
        assertHas(r, "(?s)\\* 2 FETCH \\(FLAGS \\(\\\\Seen \\\\Recent\\) BINARY\\[\\] ~\\{62\\}\r\nFrom: a@x.test\r\n"
                + "Content-Transfer-Encoding: binary\r\n\r\ntop level BINARY.SIZE\\[TEXT\\] 9\\)");
    }

    @Test
    void unknownEncodingAndBadSyntax() throws Exception {
        assertHas(c.command("FETCH 1 BINARY.PEEK[4]"), "\\S+ NO \\[UNKNOWN-CTE\\].*");
        assertBad(c.command("FETCH 1 BINARY.SIZE[1]<0.1>"));
    }

    @Test
    void nulFromABinaryPartNeverGoesIntoAPlainLiteral() throws Exception {
        byte[] message = ("From: a@x.test\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=n\r\n\r\n"
                + "--n\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n"
                + "ab\0cd\r\n--n--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        try (StrictImapClient s = StrictImapClient.loggedIn(server.port())) {
            assertEquals("OK", StrictImapClient.tagged(s.appendBinary("INBOX", message)).kind());
            s.expectOk("SELECT INBOX");
            // the strict reader refuses a NUL in a plain literal and a literal8 outside BINARY
            Map<String, Object> f = s.expectOk("FETCH 3 (RFC822.SIZE BODY.PEEK[1] BODY.PEEK[] BINARY.PEEK[1] "
                    + "BINARY.SIZE[1] BINARY.PEEK[1]<1.3> BINARY.PEEK[1]<3> BODYSTRUCTURE)").get(0).fetch();
            // BODY[] keeps every size and offset: the NUL is sent as 0x80, as Dovecot does
            assertArrayEquals(new byte[] {'a', 'b', (byte) 0x80, 'c', 'd'}, ((Str) f.get("BODY[1]")).bytes());
            byte[] whole = ((Str) f.get("BODY[]")).bytes();
            assertEquals((long) message.length, f.get("RFC822.SIZE"));
            assertEquals(message.length, whole.length);
            Str binary = (Str) f.get("BINARY[1]");
            assertTrue(binary.literal8(), "BINARY of content with a NUL is a literal8");
            assertArrayEquals("ab\0cd".getBytes(StandardCharsets.ISO_8859_1), binary.bytes());
            assertEquals(5L, f.get("BINARY.SIZE[1]"));
            assertTrue(((Str) f.get("BINARY[1]<1>")).literal8());
            assertFalse(((Str) f.get("BINARY[1]<3>")).literal8(), "a partial without the NUL needs no literal8");
            assertEquals("cd", ((Str) f.get("BINARY[1]<3>")).text());
        }
    }

    @Test
    void appendAcceptsLiteral8() throws Exception {
        c.send("a1 APPEND INBOX ~{11}\r\n");
        assertEquals("+ OK", c.readLine());
        c.sendBytes("Subject: \0x\r\n\r\n".getBytes());
        assertHas(c.readUntilTagged("a1"), "a1 OK \\[APPENDUID \\d+ 3\\].*");
    }
}
