package org.mailstack.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeArgumentTest {
    @Test
    void pathAndParametersAreSplit() throws Exception {
        EnvelopeArgument a = EnvelopeArgument.parse("FROM:<a@b.example> size=10  BODY=8BITMIME SMTPUTF8", "FROM:");
        assertEquals("a@b.example", a.address());
        assertEquals("10", a.parameters().get("SIZE"));
        assertEquals("8BITMIME", a.parameters().get("BODY"));
        assertTrue(a.parameters().containsKey("SMTPUTF8"));
        assertNull(a.parameters().get("SMTPUTF8"));
        assertEquals(3, a.parameters().size());
    }

    @Test
    void theNullPathAndASpaceAfterTheColonAreAccepted() throws Exception {
        assertEquals("", EnvelopeArgument.parse("FROM:<>", "FROM:").address());
        assertEquals("x@y.example", EnvelopeArgument.parse("to: <x@y.example>", "TO:").address());
    }

    @ParameterizedTest
    @ValueSource(strings = {"FROM:<a@b", "FROM:a@b", "FROM:<a@b>SIZE=1", "TO:<a@b>", "FROM:", "FROM:<a@b> SIZE==1",
        "FROM:<a@b> =1", "FROM:<a@b> SIZE=", "FROM:<a@b> SIZE=1 size=2", "FROM:<a@b> SMTPUTF8 SMTPUTF8",
        "FROM:<a@b> B@D=1"})
    void malformedArgumentsAreRefused(String argument) {
        assertThrows(EnvelopeArgument.Malformed.class, () -> EnvelopeArgument.parse(argument, "FROM:"));
    }
}
