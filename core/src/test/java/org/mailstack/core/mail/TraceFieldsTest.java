package org.mailstack.core.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trace fields both SMTP servers prepend, with every peer-chosen part hostile. */
class TraceFieldsTest {
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 3, 9, 5, 7, 0, ZoneOffset.UTC);

    @Test
    void theMxFieldPutsTheDateOnALineOfItsOwn() {
        assertEquals("Received: from probe.example.net ([127.0.0.1])\r\n"
                        + "\tby mail.example.test (mailstack) with ESMTPS id mfx3k2a1-0123456789ab;\r\n"
                        + "\tTue, 3 Nov 2026 09:05:07 +0000\r\n",
                TraceFields.received("probe.example.net", "127.0.0.1", "mail.example.test",
                        TraceFields.protocol(true, false), "mfx3k2a1-0123456789ab", null, NOW));
    }

    @Test
    void aShortLastClauseKeepsTheDate() {
        assertEquals("Received: from mx.example.test ([10.0.0.2])\r\n"
                        + "\tby bob.example.test (mailstack) with ESMTPA id abc123\r\n"
                        + "\tfor <box@bob.example.test>; Tue, 3 Nov 2026 09:05:07 +0000\r\n",
                TraceFields.received("mx.example.test", "10.0.0.2", "bob.example.test", "ESMTPA", "abc123",
                        "box@bob.example.test", NOW));
        assertTrue(TraceFields.received("a", "::1", "b", "ESMTP", "i", null, NOW)
                .endsWith("with ESMTP id i; Tue, 3 Nov 2026 09:05:07 +0000\r\n"));
    }

    @Test
    void theDateHasANumericZone() {
        ZonedDateTime berlin = ZonedDateTime.of(2026, 1, 23, 19, 0, 0, 0, ZoneOffset.ofHours(1));
        assertTrue(TraceFields.received("a", "::1", "b", "ESMTP", "i", null, berlin)
                .endsWith("Fri, 23 Jan 2026 19:00:00 +0100\r\n"));
        assertFalse(TraceFields.received("a", "::1", "b", "ESMTP", "i", null, NOW).contains("GMT"));
    }

    @Test
    void protocolNamesOfRfc3848() {
        assertEquals(List.of("ESMTP", "ESMTPS", "ESMTPA", "ESMTPSA"),
                List.of(TraceFields.protocol(false, false), TraceFields.protocol(true, false),
                        TraceFields.protocol(false, true), TraceFields.protocol(true, true)));
    }

    @Test
    void aHostileHeloCanNeitherAddAFieldNorFakeACommentOrTheDate() {
        String field = TraceFields.received("evil\r\nBcc: x (comment) \\ a;b <c> d\u0000\u007f\u0085é" + "\u202e",
                "1.2.3.4", "b.c", "ESMTP", "i\r\nX: y", null, NOW);
        assertTrue(field.startsWith("Received: from evil??Bcc:?x??comment????a?b??c??d?????"
                + " ([1.2.3.4])\r\n"), field);
        assertTrue(field.contains(" id i??X:?y;"), field);
        assertEquals(3, field.split("\r\n", -1).length, "two lines and the end: " + field);
        assertEquals(1, field.chars().filter(c -> c == ';').count(), field);
        assertEquals(2, field.chars().filter(c -> c == '(').count(), "only ours: the address and (mailstack)");
        assertTrue(field.chars().allMatch(c -> c == '\r' || c == '\n' || c == '\t' || c >= 0x20 && c < 0x7f), field);
    }

    @Test
    void emptyOrMissingNamesAreUnknown() {
        assertTrue(TraceFields.received(null, null, "b", "ESMTP", "", null, NOW)
                .startsWith("Received: from unknown ([unknown])\r\n\tby b (mailstack) with ESMTP id unknown"));
        assertTrue(TraceFields.received("  ", "not an address", "b", "ESMTP", "i", null, NOW)
                .startsWith("Received: from unknown ([unknown])"));
    }

    @Test
    void aVeryLongHeloIsCut() {
        String field = TraceFields.received("a".repeat(100_000), "::1", "b", "ESMTP", "i", null, NOW);
        assertTrue(field.startsWith("Received: from " + "a".repeat(TraceFields.MAX_TOKEN) + " ([::1])"), field);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0:0:0:0:0:0:0:1 | 0:0:0:0:0:0:0:1",
            "fe80:0:0:0:0:0:0:1%eth0 | fe80:0:0:0:0:0:0:1",
            "192.0.2.1 | 192.0.2.1",
            "'192.0.2.1])\r\nX: y' | unknown",
            "/127.0.0.1:25 | unknown",
            "١٢٣ | unknown",
            "1111111111111111111111111111111111111111111111 | unknown",
            "'' | unknown"})
    void addressLiteralsAreKeptAndZonesDropped(String given, String shown) {
        assertEquals(shown, TraceFields.address(given));
    }

    @Test
    void pathsLoseControlsAndAngleBracketsButKeepUtf8() {
        assertEquals("Return-Path: <>\r\n", TraceFields.returnPath(""));
        assertEquals("Return-Path: <a@b.c???Bcc: x>\r\n", TraceFields.returnPath("a@b.c>\r\nBcc: x"));
        assertEquals("Delivered-To: grüße@bücher.example\r\n", TraceFields.deliveredTo("grüße@bücher.example"));
        assertEquals("Delivered-To: a?b@c\r\n", TraceFields.deliveredTo("a\u202eb@c"));
        String longPath = TraceFields.returnPath("x".repeat(10_000) + "@b.c");
        assertEquals("Return-Path: <" + "x".repeat(200) + "...>\r\n", longPath);
        assertTrue(TraceFields.received("a", "::1", "b", "ESMTP", "i", "<x>\r\nBcc: y", NOW)
                .contains("\tfor <?x???Bcc: y>; "));
    }
}
