package org.mailstack.imap.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SequenceSetTest {

    @Test
    void rangesAndStarResolveAgainstMax() {
        SequenceSet s = SequenceSet.parse("1:3,7,10:*");
        assertTrue(s.contains(2, 20));
        assertFalse(s.contains(5, 20));
        assertTrue(s.contains(7, 20));
        assertTrue(s.contains(20, 20));
        assertFalse(s.contains(21, 20));
    }

    @Test
    void reversedRangeIsTheSameRange() {
        assertTrue(SequenceSet.parse("5:2").contains(3, 10));
        assertTrue(SequenceSet.parse("*:4").contains(9, 10));
    }

    @Test
    void starAloneIsTheLast() {
        assertTrue(SequenceSet.parse("*").contains(8, 8));
        assertFalse(SequenceSet.parse("*").contains(7, 8));
    }

    @Test
    void invalidSetsAreBad() {
        assertThrows(ParseException.class, () -> SequenceSet.parse("0"));
        assertThrows(ParseException.class, () -> SequenceSet.parse("1,,2"));
        assertThrows(ParseException.class, () -> SequenceSet.parse("1:"));
        assertThrows(ParseException.class, () -> SequenceSet.parse("01"));
    }

    @Property
    void textFormRoundTrips(@ForAll @LongRange(min = 1, max = 100000) long a,
                            @ForAll @LongRange(min = 1, max = 100000) long b) {
        SequenceSet s = SequenceSet.of(a, b);
        assertEquals(s.toString(), SequenceSet.parse(s.toString()).toString());
        assertTrue(SequenceSet.parse(s.toString()).contains(Math.min(a, b), 100000));
    }
}
