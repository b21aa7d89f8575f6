package org.mailstack.imap.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImapReaderTest {

    private static ImapReader reader(String s) {
        return new ImapReader(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsTagAtomAndEnd() {
        ImapReader r = reader("a001 NOOP\r\n");
        assertEquals("a001", r.tag());
        r.sp();
        assertEquals("NOOP", r.atom());
        r.end();
    }

    @Test
    void tagMayNotContainPlus() {
        ImapReader r = reader("+ NOOP\r\n");
        assertThrows(ParseException.class, r::tag);
    }

    @Test
    void quotedStringUnescapesQuoteAndBackslash() {
        ImapReader r = reader("\"a \\\"b\\\" \\\\c\"\r\n");
        assertEquals("a \"b\" \\c", r.astring());
        r.end();
    }

    @Test
    void quotedStringWithOtherEscapeIsBad() {
        assertThrows(ParseException.class, () -> reader("\"a\\nb\"").astring());
    }

    @Test
    void quotedStringCannotSpanLines() {
        assertThrows(ParseException.class, () -> reader("\"ab\r\ncd\"").astring());
    }

    @Test
    void tildeStartsALiteral8OnlyBeforeABrace() {
        ImapReader r = reader("~foo ~{3}\r\nabc\r\n");
        assertEquals("~foo", r.astring()); // ATOM-CHAR (RFC 3501 section 9)
        r.sp();
        assertEquals("abc", r.astring());
        r.end();
    }

    @Test
    void synchronisingLiteralIsInlined() {
        ImapReader r = reader("{5}\r\nhe\r\no rest\r\n");
        assertArrayEquals("he\r\no".getBytes(StandardCharsets.US_ASCII), r.astringBytes());
        r.sp();
        assertEquals("rest", r.atom());
        r.end();
    }

    @Test
    void nonSynchronisingLiteralIsInlined() {
        ImapReader r = reader("{3+}\r\nabc\r\n");
        assertEquals("abc", r.astring());
        r.end();
    }

    @Test
    void literal8PrefixIsAccepted() {
        assertEquals("ab", reader("~{2}\r\nab").string());
    }

    @Test
    void literalLongerThanCommandIsBad() {
        assertThrows(ParseException.class, () -> reader("{10}\r\nabc").astring());
    }

    @Test
    void astringAtomMayContainCloseBracket() {
        assertEquals("a]b", reader("a]b ").astring());
    }

    @Test
    void nilIsNullInNstring() {
        assertNull(reader("NIL").nstring());
        assertEquals("NILS", reader("NILS").astring());
    }

    @Test
    void flagListParsesSystemFlagsAndKeywords() {
        assertEquals(List.of("\\Seen", "$Forwarded", "\\*"), reader("(\\Seen $Forwarded \\*)").flagList());
        assertEquals(List.of(), reader("()").flagList());
    }

    @Test
    void numberRejectsGarbage() {
        assertThrows(ParseException.class, () -> reader("x").number());
        assertEquals(4294967295L, reader("4294967295").nzNumber());
        assertThrows(ParseException.class, () -> reader("4294967296").nzNumber());
        assertThrows(ParseException.class, () -> reader("0").nzNumber());
    }

    @Test
    void trailingGarbageIsBad() {
        ImapReader r = reader("a NOOP x\r\n");
        r.tag();
        r.sp();
        r.atom();
        assertThrows(ParseException.class, r::end);
    }

    @Test
    void mailboxNamesAreDecodedAndInboxIsCaseInsensitive() {
        assertEquals("INBOX", reader("inbox").mailbox());
        assertEquals("INBOX/Sub", reader("\"InBoX/Sub\"").mailbox());
        assertEquals("Entwürfe", reader("Entw&APw-rfe").mailbox());
    }

    @Test
    void listMailboxAcceptsWildcards() {
        assertEquals("a/%*", reader("a/%* ").listMailbox());
    }

    @Test
    void consumeWordIsCaseInsensitive() {
        ImapReader r = reader("charset UTF-8");
        assertTrue(r.consumeWord("CHARSET "));
        assertEquals("UTF-8", r.astring());
    }
}
