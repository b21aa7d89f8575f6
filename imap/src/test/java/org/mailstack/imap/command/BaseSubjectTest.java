package org.mailstack.imap.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BaseSubjectTest {

    @Test
    void rfc5256Leaders() {
        assertEquals("HELLO", BaseSubject.of("Re: hello"));
        assertEquals("HELLO", BaseSubject.of("RE: Fwd: [list] hello (fwd)"));
        assertEquals("HELLO WORLD", BaseSubject.of("[Fwd: hello   world]"));
        assertEquals("[ONLY BLOB]", BaseSubject.of("[only blob]"));
        assertEquals("ÄPFEL", BaseSubject.of("=?UTF-8?B?w4RwZmVs?="));
        assertEquals("", BaseSubject.of(null));
    }
}
