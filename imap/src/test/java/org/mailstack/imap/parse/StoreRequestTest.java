package org.mailstack.imap.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoreRequestTest {

    private static StoreRequest parse(String args) {
        return StoreRequest.parse(ImapReader.of(args + "\r\n"));
    }

    @Test
    void addSilent() {
        StoreRequest r = parse("1:3 +FLAGS.SILENT (\\Deleted $Junk)");
        assertEquals(StoreRequest.Mode.ADD, r.mode());
        assertTrue(r.silent());
        assertEquals(List.of("\\Deleted", "$Junk"), r.flags());
    }

    @Test
    void flagsWithoutParentheses() {
        StoreRequest r = parse("1 -FLAGS \\Seen \\Flagged");
        assertEquals(StoreRequest.Mode.REMOVE, r.mode());
        assertEquals(2, r.flags().size());
    }

    @Test
    void unchangedSince() {
        assertEquals(7, parse("1 (UNCHANGEDSINCE 7) FLAGS ()").unchangedSince());
    }

    @Test
    void recentCannotBeStored() {
        assertThrows(ParseException.class, () -> parse("1 FLAGS (\\Recent)"));
        assertThrows(ParseException.class, () -> parse("1 XFLAGS (\\Seen)"));
    }
}
