package org.mailstack.imap.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Content-Type and Content-Disposition values as BODYSTRUCTURE reports them (RFC 2045 5.1, RFC 2231). */
class ContentFieldsTest {

    private static String params(List<MimePart.Param> params) {
        return params.stream().map(p -> " " + p.name() + "=" + p.value()).collect(Collectors.joining());
    }

    /** Each row: the field value, then {@code type/subtype name=value...} as parsed. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // a type without subtype keeps the type only when nothing follows it
        "text | text/",
        "foo (comment) | foo/",
        "text; charset=utf-8 | /",
        "text/ | /",
        "/plain | /",
        "`` | /",
        // white space and comments around tokens; quoted values
        "` text / plain ; a = b` | text/plain a=b",
        "text/plain (c); charset=utf-8 (c2) | text/plain charset=utf-8",
        "text/plain; a=\"x y\"; b=\"\" | text/plain a=x y b=",
        // a malformed parameter is dropped with the rest up to the next semicolon after it
        "text/plain; a=1; foo; b=2 | text/plain a=1",
        "text/plain; a=1;; b=2 | text/plain a=1",
        "text/plain; a=1 junk; b=2 | text/plain a=1 b=2",
        "text/plain; a=\"unterminated | text/plain",
        // RFC 2231 sections are joined and listed after the plain parameters
        "text/plain; b*=x; a=1; a*1=q; a*0=p | text/plain a=1 a=pq b*=x",
        "text/plain; filename*0*=utf-8''a%20; filename*1=b | text/plain filename*=utf-8''a%20b",
        "text/plain; name*=utf-8''a%20b; name=c | text/plain name=c name*=utf-8''a%20b",
        "text/plain; b*1=q; a*0=p | text/plain a=p b*1=q",
    })
    void type(String value, String expected) {
        ContentFields.Type t = ContentFields.type(value);
        assertEquals(expected, t.type() + "/" + t.subtype() + params(t.params()));
    }

    @Test
    void disposition() {
        ContentFields.Disposition d = ContentFields.disposition("attachment; filename*0=ab; filename*1=cd");
        assertEquals("attachment filename=abcd", d.value() + params(d.params()));
        assertEquals("inline", ContentFields.disposition("inline").value());
    }
}
