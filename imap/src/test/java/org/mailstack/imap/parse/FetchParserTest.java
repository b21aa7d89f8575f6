package org.mailstack.imap.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FetchParserTest {

    private static FetchRequest parse(String args) {
        return FetchParser.parse(ImapReader.of(args + "\r\n"));
    }

    @Test
    void macrosExpand() {
        assertEquals(List.of(FetchItem.Simple.FLAGS, FetchItem.Simple.INTERNALDATE, FetchItem.Simple.RFC822_SIZE),
                parse("1 FAST").items());
        assertEquals(4, parse("1 ALL").items().size());
        assertTrue(parse("1:* FULL").items().contains(FetchItem.Simple.BODY));
    }

    @Test
    void simpleAttributesInAList() {
        FetchRequest r = parse("1,3:5 (UID FLAGS rfc822.size ENVELOPE BODYSTRUCTURE INTERNALDATE)");
        assertEquals(6, r.items().size());
        assertEquals(FetchItem.Simple.RFC822_SIZE, r.items().get(2));
        assertEquals("1,3:5", r.set().toString());
    }

    @Test
    void bodySectionsWithPartsAndPartial() {
        FetchItem.Section s = (FetchItem.Section) parse("1 BODY.PEEK[1.2.MIME]<10.20>").items().get(0);
        assertTrue(s.peek());
        assertEquals(List.of(1, 2), s.part());
        assertEquals(FetchItem.SectionText.MIME, s.text());
        assertEquals(10, s.partialStart());
        assertEquals(20, s.partialLength());
        assertEquals("1.2.MIME", s.spec());
    }

    @Test
    void headerFieldsKeepNamesForTheResponse() {
        FetchItem.Section s = (FetchItem.Section) parse("1 BODY[HEADER.FIELDS (From \"Subject\")]").items().get(0);
        assertFalse(s.peek());
        assertEquals(List.of("From", "Subject"), s.fields());
        assertEquals("HEADER.FIELDS (FROM SUBJECT)", s.spec());
        FetchItem.Section not = (FetchItem.Section) parse("1 BODY[2.HEADER.FIELDS.NOT (X-A)]").items().get(0);
        assertEquals(FetchItem.SectionText.HEADER_FIELDS_NOT, not.text());
        assertEquals("2.HEADER.FIELDS.NOT (X-A)", not.spec());
    }

    @Test
    void headerFieldNameWithLineBreakIsRefused() {
        assertThrows(ParseException.class, () -> parse("1 BODY[HEADER.FIELDS ({3}\r\na\r\n)]"));
    }

    @Test
    void emptySectionAndText() {
        FetchItem.Section all = (FetchItem.Section) parse("1 BODY[]").items().get(0);
        assertEquals("", all.spec());
        FetchItem.Section text = (FetchItem.Section) parse("1 BODY[TEXT]").items().get(0);
        assertEquals("TEXT", text.spec());
    }

    @Test
    void mimeNeedsAPart() {
        assertThrows(ParseException.class, () -> parse("1 BODY[MIME]"));
    }

    @Test
    void unknownAttributeIsBad() {
        assertThrows(ParseException.class, () -> parse("1 (FLAGS FOO)"));
        assertThrows(ParseException.class, () -> parse("1 BODY[X]"));
        assertThrows(ParseException.class, () -> parse("1 (FLAGS"));
    }

    @Test
    void changedSinceModifier() {
        FetchRequest r = parse("1:* (FLAGS) (CHANGEDSINCE 12345)");
        assertEquals(12345, r.changedSince());
    }

    @Test
    void seenIsSetOnlyWithoutPeek() {
        assertTrue(parse("1 BODY[]").setsSeen());
        assertTrue(parse("1 RFC822").setsSeen());
        assertFalse(parse("1 BODY.PEEK[]").setsSeen());
        assertFalse(parse("1 RFC822.HEADER").setsSeen());
    }

    @Test
    void binaryItemsAndPartialWithoutLength() {
        List<FetchItem> items = parse("1 (BINARY[1.2] BINARY.PEEK[]<5> BINARY.SIZE[3])").items();
        FetchItem.Binary b = (FetchItem.Binary) items.get(0);
        assertFalse(b.section().peek());
        assertEquals("BINARY[1.2]", b.responseName());
        assertEquals("BINARY[]<5>", ((FetchItem.Binary) items.get(1)).responseName());
        assertEquals(Long.MAX_VALUE, ((FetchItem.Binary) items.get(1)).section().partialLength());
        assertTrue(((FetchItem.Binary) items.get(2)).sizeOnly());
        assertTrue(parse("1 BINARY[1]").setsSeen());
        assertFalse(parse("1 (BINARY.PEEK[1] BINARY.SIZE[1])").setsSeen());
        assertThrows(ParseException.class, () -> parse("1 BINARY.SIZE[1]<0.2>"));
    }
}
