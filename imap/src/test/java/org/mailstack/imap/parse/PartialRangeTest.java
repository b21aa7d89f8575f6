package org.mailstack.imap.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The PARTIAL range (RFC 9394) in SEARCH/SORT RETURN options and as a UID FETCH modifier. */
class PartialRangeTest {
    private static final List<Integer> TEN = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

    private static ReturnOptions returns(String options) {
        ReturnOptions r = SearchParser.returnOptions(ImapReader.of("RETURN (" + options + ") ALL\r\n"));
        return r;
    }

    private static PartialRange range(String text) {
        ImapReader r = ImapReader.of(text + "\r\n");
        PartialRange p = PartialRange.parse(r);
        r.end();
        return p;
    }

    @Test
    void rangesCountFromTheFirstOrTheLastResult() {
        assertEquals(List.of(1, 2, 3), range("1:3").slice(TEN));
        assertEquals(List.of(4, 5), range("5:4").slice(TEN));
        assertEquals(List.of(8, 9, 10), range("-1:-3").slice(TEN));
        assertEquals(List.of(8, 9, 10), range("-3:-1").slice(TEN));
        assertEquals(List.of(9, 10), range("9:4294967295").slice(TEN));
        assertEquals(List.of(1, 2), range("-9:-4294967295").slice(TEN));
        assertEquals(List.of(), range("11:20").slice(TEN));
        assertEquals(List.of(), range("-11:-20").slice(TEN));
        assertEquals(List.of(), range("1:5").slice(List.of()));
        assertEquals("-1:-100", range("-100:-1").toString());
        assertEquals("1:100", range("100:1").toString());
    }

    @Test
    void partialIsAReturnOptionWithItsRange() {
        ReturnOptions r = returns("COUNT PARTIAL -1:-100 UPDATE CONTEXT");
        assertEquals(List.of("COUNT", "PARTIAL", "UPDATE", "CONTEXT"), r.names());
        assertEquals(new PartialRange(-1, -100), r.partial());
        assertEquals(r.names(), r.effective());
        assertNull(returns("MIN").partial());
        assertEquals(List.of("UPDATE", "ALL"), returns("UPDATE").effective());
        assertEquals(List.of("ALL"), returns("").effective());
        assertEquals(List.of("MIN", "UPDATE"), returns("MIN UPDATE MIN UPDATE").names());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PARTIAL 0:10", "PARTIAL 1:0", "PARTIAL -0:-5", "PARTIAL 1:-5", "PARTIAL -1:5",
            "PARTIAL 5", "PARTIAL 1:*", "PARTIAL *:5", "PARTIAL 1:4294967296", "PARTIAL -4294967296:-1",
            "PARTIAL 1:99999999999999999999999", "PARTIAL 1:18446744073709551617", "PARTIAL", "PARTIAL ",
            "PARTIAL 1,3:5", "PARTIAL 1:5 PARTIAL 6:9", "ALL PARTIAL 1:5", "PARTIAL 1:5 ALL", "PARTIAL (1:5)",
            "PARTIAL 1: 5", "PARTIAL --1:-5", "ALL ALL", "BOGUS", "MIN PARTIAL 1:2 MIN PARTIAL 1:2"})
    void hostileReturnOptionsAreRefused(String options) {
        assertThrows(ParseException.class, () -> returns(options));
    }

    @Test
    void fetchTakesPartialOnceAsAModifier() {
        FetchRequest r = FetchParser.parse(ImapReader.of("1:* (FLAGS) (PARTIAL -1:-30)\r\n"));
        assertEquals(new PartialRange(-1, -30), r.partial());
        assertNull(FetchParser.parse(ImapReader.of("1:* FLAGS\r\n")).partial());
        for (String bad : List.of("1:* FLAGS (PARTIAL 0:3)", "1:* FLAGS (PARTIAL 1:3 PARTIAL 4:5)",
                "1:* FLAGS (PARTIAL 3)", "1:* FLAGS (PARTIAL -1:3)", "1:* FLAGS (PARTIAL 1:5000000000)")) {
            assertThrows(ParseException.class, () -> FetchParser.parse(ImapReader.of(bad + "\r\n")), bad);
        }
    }
}
