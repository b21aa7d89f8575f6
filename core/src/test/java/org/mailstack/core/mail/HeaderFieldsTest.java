package org.mailstack.core.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mailstack.core.mail.HeaderFields.Field;

/** Where a header field ends and what its unfolded value is: one rule for the IMAP server, Sieve and submission. */
class HeaderFieldsTest {
    private static Field f(String name, String value) {
        return new Field(name, value);
    }

    @Test
    void unfoldsKeepingTheWhiteSpaceOfTheFold() {
        assertEquals(List.of(f("Subject", "a  b\tc"), f("To", "x")),
                HeaderFields.parse("Subject: a\r\n  b\r\n\tc\r\nTo: x\r\n\r\nbody"));
    }

    @Test
    void lfAloneEndsALineToo() {
        assertEquals(List.of(f("A", "1 2"), f("B", "3")), HeaderFields.parse("A: 1\n 2\nB: 3\n"));
    }

    @Test
    void stopsAtTheFirstEmptyLine() {
        assertEquals(List.of(f("A", "1")), HeaderFields.parse("A: 1\r\n\r\nB: 2\r\n"));
        assertEquals(List.of(f("A", "1")), HeaderFields.parse("A: 1\n\nB: 2\n"));
        assertEquals(List.of(), HeaderFields.parse("\r\nA: 1\r\n"));
        assertEquals(List.of(), HeaderFields.parse(""));
    }

    @Test
    void aCutHeaderStillParses() {
        assertEquals(List.of(f("A", "x"), f("B", "y")), HeaderFields.parse("A: x\r\nB: y"));
        assertEquals(List.of(f("A", "x")), HeaderFields.parse("A: x\r"));
    }

    @Test
    void aBareCrNeitherEndsALineNorStartsAField() {
        List<Field> fields = HeaderFields.parse("Subject: hi\rBcc: victim@example.org\r\nFrom: a@b\r\n\r\n");
        assertEquals(List.of(f("Subject", "hi\rBcc: victim@example.org"), f("From", "a@b")), fields);
    }

    @Test
    void aLineThatIsNoFieldIsSkippedWithItsContinuation() {
        assertEquals(List.of(f("C", "3")),
                HeaderFields.parse(" orphan\r\nno colon here\r\n continued: 2\r\n: empty name\r\nC: 3\r\n"));
    }

    @Test
    void aFirstLineThatStartsWithWhiteSpaceIsStillAField() {
        assertEquals(List.of(f("From", "ceo@example.org"), f("From", "me@example.org")),
                HeaderFields.parse(" \tFrom: ceo@example.org\r\nFrom: me@example.org\r\n\r\n"));
    }

    @Test
    void namesArePrintableAsciiWithoutSpaceButMayBeFollowedByWhiteSpace() {
        assertEquals(List.of(f("Subject", "obsolete but allowed")),
                HeaderFields.parse("Subject \t: obsolete but allowed\r\n"));
        assertEquals(List.of(), HeaderFields.parse("From foo@example.org Mon Dec  7 10:00:00 2026\r\n"));
        assertEquals(List.of(), HeaderFields.parse("Sübject: x\r\n"));
        assertEquals(List.of(), HeaderFields.parse("X\u0000Y: x\r\n"));
        assertEquals(List.of(f("X-Weird!#$%&'*+-.^_`{|}~", "ok")),
                HeaderFields.parse("X-Weird!#$%&'*+-.^_`{|}~: ok\r\n"));
    }

    @Test
    void valuesAreStrippedAndKeepTheirInnerText() {
        assertEquals(List.of(f("A", ""), f("B", "x: y"), f("C", "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?="), f("D", "Grüße")),
                HeaderFields.parse("A:   \r\nB:\tx: y \t\r\nC: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nD: Grüße\r\n"));
    }

    @Test
    void repeatedFieldsKeepTheirOrderAndCase() {
        assertEquals(List.of(f("Received", "a"), f("X", "1"), f("received", "b")),
                HeaderFields.parse("Received: a\r\nX: 1\r\nreceived: b\r\n\r\n"));
    }

    @Test
    void nulAndControlsInAValueStayForTheCallerToJudge() {
        assertEquals(List.of(f("A", "x\u0000y\u007fz\u0085")), HeaderFields.parse("A: x\u0000y\u007fz\u0085\r\n"));
    }

    @Test
    void noValueEverHoldsALineFeed() {
        StringBuilder hostile = new StringBuilder();
        String[] pieces = {"A: 1", "\r\n", "\n", "\r", " ", "\t", "B:", "x", "\u0000", ":"};
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            hostile.setLength(0);
            for (int i = 0; i < 40; i++) {
                hostile.append(pieces[random.nextInt(pieces.length)]);
            }
            for (Field field : HeaderFields.parse(hostile)) {
                assertFalse(field.value().contains("\n"), hostile.toString());
                assertFalse(field.name().isEmpty() || field.name().contains(":") || field.name().contains(" "));
                assertEquals(field.value().strip(), field.value());
            }
        }
    }

    @Test
    void aLongFoldedFieldIsOneValue() {
        String folded = "Subject: start" + "\r\n continued".repeat(100_000) + "\r\n\r\n";
        List<Field> fields = HeaderFields.parse(folded);
        assertEquals(1, fields.size());
        assertTrue(fields.get(0).value().startsWith("start continued continued"));
        assertEquals(5 + 100_000 * 10, fields.get(0).value().length());
    }
}
