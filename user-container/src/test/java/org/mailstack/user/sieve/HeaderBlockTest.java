package org.mailstack.user.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class HeaderBlockTest {
    private static HeaderBlock parse(String text) {
        return HeaderBlock.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unfoldsAndDecodes() {
        HeaderBlock h = parse("Subject: =?ISO-8859-1?Q?Caf=E9?=\r\n  au lait\r\n\r\nbody");
        assertEquals("Café  au lait", h.first("subject"));
    }

    @Test
    void keepsRepeatedFieldsInOrderAndNamesOnce() {
        HeaderBlock h = parse("Received: a\r\nX: 1\r\nreceived: b\r\n\r\n");
        assertEquals(List.of("a", "b"), h.values("RECEIVED"));
        assertEquals(List.of("Received", "X"), h.names());
    }

    @Test
    void stopsAtTheEmptyLine() {
        HeaderBlock h = parse("A: 1\r\n\r\nB: 2\r\n");
        assertTrue(h.has("a"));
        assertFalse(h.has("B"));
    }

    @Test
    void ignoresLinesWithoutColonAndLeadingContinuation() {
        HeaderBlock h = parse(" orphan\r\nno colon here\r\nC: 3\r\n");
        assertEquals(List.of("C"), h.names());
        assertEquals("", h.first("missing"));
    }

    @Test
    void cutHeaderStillParses() {
        assertEquals("x", parse("A: x\r\nB: y").first("A"));
    }
}
