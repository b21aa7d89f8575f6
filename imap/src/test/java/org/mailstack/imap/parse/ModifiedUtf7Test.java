package org.mailstack.imap.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ModifiedUtf7Test {

    @Test
    void rfc3501Example() {
        assertEquals("~peter/mail/台北/日本語", ModifiedUtf7.decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-"));
        assertEquals("~peter/mail/&U,BTFw-/&ZeVnLIqe-", ModifiedUtf7.encode("~peter/mail/台北/日本語"));
    }

    @Test
    void ampersandIsEscaped() {
        assertEquals("A&-B", ModifiedUtf7.encode("A&B"));
        assertEquals("A&B", ModifiedUtf7.decode("A&-B"));
    }

    @Test
    void invalidInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.decode("a&Jjo"));
        assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.decode("&AGE-"));
        assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.decode("a\u00e9"));
    }

    @Property
    void roundTrips(@ForAll String name) {
        String clean = name.replaceAll("[\\x00-\\x1f\\x7f\\uD800-\\uDFFF]", "x");
        String wire = ModifiedUtf7.encode(clean);
        assertEquals(clean, ModifiedUtf7.decode(wire));
        assertEquals(wire, wire.replaceAll("[^\\x20-\\x7e]", ""));
    }
}
