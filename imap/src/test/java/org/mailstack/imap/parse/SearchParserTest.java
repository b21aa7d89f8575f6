package org.mailstack.imap.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchParserTest {

    private static SearchRequest parse(String args) {
        return SearchParser.parse(ImapReader.of(args + "\r\n"));
    }

    @Test
    void everyRfc3501KeyParses() {
        String all = "ALL ANSWERED BCC x BEFORE 1-Feb-2024 BODY y CC z DELETED DRAFT FLAGGED FROM a "
                + "HEADER X-Y v KEYWORD $k LARGER 10 NEW NOT SEEN OLD ON 2-Feb-2024 OR SEEN FLAGGED RECENT SEEN "
                + "SENTBEFORE 3-Mar-2024 SENTON 3-Mar-2024 SENTSINCE 3-Mar-2024 SINCE 1-Jan-2020 SMALLER 5 "
                + "SUBJECT s TEXT t TO u UID 1:* UNANSWERED UNDELETED UNDRAFT UNFLAGGED UNKEYWORD $j UNSEEN 1,2:4";
        SearchKey.And and = assertInstanceOf(SearchKey.And.class, parse(all).key());
        assertEquals(36, and.keys().size());
    }

    @Test
    void nestingOrAndNot() {
        SearchKey k = parse("OR (FROM a SUBJECT b) NOT (TO c)").key();
        SearchKey.Or or = assertInstanceOf(SearchKey.Or.class, k);
        assertEquals(2, assertInstanceOf(SearchKey.And.class, or.left()).keys().size());
        assertInstanceOf(SearchKey.Not.class, or.right());
    }

    @Test
    void charsetAndLiteralArgument() {
        SearchRequest r = parse("CHARSET UTF-8 SUBJECT {3}\r\nÄb");
        assertEquals("UTF-8", r.charset());
        assertEquals(new SearchKey.Header("SUBJECT", "Äb"), r.key());
    }

    @Test
    void datesMayBeQuoted() {
        assertEquals(new SearchKey.Date(SearchKey.DateOp.SINCE, LocalDate.of(2024, 2, 1), false),
                parse("SINCE \"1-Feb-2024\"").key());
    }

    @Test
    void esearchReturnOptions() {
        SearchRequest r = parse("RETURN (MIN COUNT) UNSEEN");
        assertEquals(List.of("MIN", "COUNT"), r.returnOptions().names());
        assertNull(parse("UNSEEN").returnOptions());
    }

    @Test
    void badKeysAreRefused() {
        assertThrows(ParseException.class, () -> parse("FOO"));
        assertThrows(ParseException.class, () -> parse("SINCE 31-Foo-2024"));
        assertThrows(ParseException.class, () -> parse("(SEEN"));
        assertThrows(ParseException.class, () -> parse("OR SEEN"));
        assertThrows(ParseException.class, () -> parse("LARGER x"));
    }

    @Test
    void deepNestingIsBounded() {
        assertThrows(ParseException.class, () -> parse("(".repeat(200) + "ALL" + ")".repeat(200)));
    }
}
