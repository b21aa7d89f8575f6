package org.mailstack.imap.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SELECT parameters from raw bytes: CONDSTORE and QRESYNC (RFC 7162 sections 3.1.8 and 3.2.5, grammar in 7). */
class SelectParametersTest {

    private static SelectParameters parse(String afterMailbox) {
        return SelectParameters.parse(new ImapReader((afterMailbox + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void noParameters() {
        assertEquals(SelectParameters.NONE, parse(""));
    }

    @Test
    void condstore() {
        SelectParameters p = parse(" (condstore)");
        assertTrue(p.condstore());
        assertNull(p.qresync());
    }

    @Test
    void qresyncWithUidValidityAndModSeqOnly() {
        SelectParameters.Qresync q = parse(" (QRESYNC (67890007 20050715194045000))").qresync();
        assertEquals(67890007L, q.uidValidity());
        assertEquals(20050715194045000L, q.modSeq());
        assertNull(q.knownUids());
        assertNull(q.knownSequence());
    }

    @Test
    void qresyncWithKnownUids() {
        SelectParameters.Qresync q = parse(" (QRESYNC (67890007 20050715194045000 41,43:211,214:541))").qresync();
        assertEquals("41,43:211,214:541", q.knownUids().toString());
        assertTrue(q.knownUids().contains(100, 0));
        assertFalse(q.knownUids().contains(42, 0));
    }

    @Test
    void qresyncWithSeqMatchData() {
        SelectParameters.Qresync q = parse(" (QRESYNC (67890007 90060115194045000 1:29997 "
                + "(5000,7500,9000,9990:9999 15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,"
                + "29997)))").qresync();
        assertEquals("1:29997", q.knownUids().toString());
        assertEquals("5000,7500,9000,9990:9999", q.knownSequence().toString());
        assertTrue(q.knownSeqUids().contains(29997, 0));
    }

    @Test
    void qresyncWithSeqMatchDataButNoKnownUids() {
        SelectParameters.Qresync q = parse(" (QRESYNC (1 5 (1:2 7,9)))").qresync();
        assertNull(q.knownUids());
        assertEquals("1:2", q.knownSequence().toString());
    }

    @Test
    void qresyncAndCondstoreTogether() {
        SelectParameters p = parse(" (CONDSTORE QRESYNC (1 0))");
        assertTrue(p.condstore());
        assertEquals(0, p.qresync().modSeq());
    }

    @Test
    void malformedParametersAreRejected() {
        assertThrows(ParseException.class, () -> parse(" (QRESYNC (0 5))"), "uidvalidity is nz-number");
        assertThrows(ParseException.class, () -> parse(" (QRESYNC (1))"));
        assertThrows(ParseException.class, () -> parse(" (QRESYNC (1 5 1:*))"), "no * in known-uids");
        assertThrows(ParseException.class, () -> parse(" (QRESYNC (1 5 1:3 (1:2 5)))"), "sets of unequal size");
        assertThrows(ParseException.class, () -> parse(" (QRESYNC (1 5) QRESYNC (1 5))"));
        assertThrows(ParseException.class, () -> parse(" (FOO)"));
        assertThrows(ParseException.class, () -> parse(" (CONDSTORE"));
        assertThrows(ParseException.class, () -> parse(" (CONDSTORE) x"));
    }
}
