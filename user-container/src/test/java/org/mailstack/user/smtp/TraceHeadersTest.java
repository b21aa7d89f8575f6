package org.mailstack.user.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class TraceHeadersTest {
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 3, 9, 5, 7, 0, ZoneOffset.UTC);

    @Test
    void buildsTheThreeFields() {
        String text = new String(TraceHeaders.build("alice@example.org", "box@bob.example.test", "mx.example.test",
                "10.0.0.2", "bob.example.test", "ESMTPA", "abc123", NOW), StandardCharsets.UTF_8);
        assertEquals("Return-Path: <alice@example.org>\r\n"
                + "Delivered-To: box@bob.example.test\r\n"
                + "Received: from mx.example.test ([10.0.0.2])\r\n"
                + "\tby bob.example.test (mailstack) with ESMTPA id abc123\r\n"
                + "\tfor <box@bob.example.test>; Tue, 3 Nov 2026 09:05:07 +0000\r\n", text);
    }

    @Test
    void nullSenderGivesEmptyReturnPath() {
        String text = new String(TraceHeaders.build("", "box@b.c", null, "::1", "b.c", "ESMTP", "i", NOW),
                StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Return-Path: <>\r\n"), text);
        assertTrue(text.contains("from unknown ([::1])"), text);
    }

    @Test
    void peerTextCannotInjectHeaderLines() {
        String text = new String(TraceHeaders.build("a@b.c>\r\nBcc: x", "box@b.c", "evil\r\nX-Injected: 1 (x);",
                "1.2.3.4", "b.c", "ESMTP", "i", NOW), StandardCharsets.UTF_8);
        assertFalse(text.contains("\r\nBcc"), text);
        assertFalse(text.contains("\r\nX-Injected"), text);
        assertEquals(5, text.split("\r\n").length, text);
    }
}
