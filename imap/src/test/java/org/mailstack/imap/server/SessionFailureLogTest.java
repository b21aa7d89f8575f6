package org.mailstack.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A real failure of a session is logged as one line naming the exception and its causes. */
class SessionFailureLogTest {
    @Test
    void oneLineWithTheCauses() {
        Exception e = new IllegalStateException("bad\r\nstate", new ArithmeticException("zero"));
        assertEquals("java.lang.IllegalStateException: bad state; caused by java.lang.ArithmeticException: zero",
                SessionHandler.oneLine(e));
    }
}
