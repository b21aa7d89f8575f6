package org.mailstack.mailctl.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RenderingTest {
    @Test
    void jsonStringsEscapeQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", Json.quote("a\"b\\c\n\u0001"));
    }

    @Test
    void sizesAreHumanReadable() {
        assertEquals("-", AccountTable.size(null));
        assertEquals("512B", AccountTable.size(512L));
        assertEquals("1.5KiB", AccountTable.size(1536L));
        assertEquals("2.0GiB", AccountTable.size(2L << 30));
    }

    @Test
    void passwordFromStdinIsTheFirstLineWithoutItsCrLf() {
        char[] pw = PasswordInput.firstLine(new ByteArrayInputStream("pässword\r\nnext\n".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals("pässword".toCharArray(), pw);
    }

    @Test
    void dkimKeyIsTakenFromPemOrFromAReadyRecord() {
        assertEquals("QUJD", ZoneRecords.publicKey("-----BEGIN PUBLIC KEY-----\nQU\nJD\n-----END PUBLIC KEY-----\n"
                .getBytes(StandardCharsets.US_ASCII)));
        assertEquals("XYZ", ZoneRecords.publicKey("v=DKIM1; k=rsa; p=XYZ".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(null, ZoneRecords.publicKey("nothing".getBytes(StandardCharsets.US_ASCII)));
    }
}
