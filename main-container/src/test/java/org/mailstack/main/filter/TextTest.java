package org.mailstack.main.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void printableUnfoldsAndDropsControlCharactersSoNoFieldCanBeInjected() {
        assertEquals("a; dkim=none; spf=fail", Text.printable("a;\r\n\tdkim=none;\r\n\tspf=fail", 100));
        assertEquals("hi X-Evil: 1", Text.printable("hi\r\nX-Evil: 1", 100));
        assertEquals("ab", Text.printable("a\u0000\u0007b\u007f", 100));
        assertEquals("abc", Text.printable("abcdef", 3));
    }

    @Test
    void nonAsciiBecomesEncodedWordsOfAtMostSeventyFiveCharacters() {
        assertEquals("plain subject", Text.encodeIfNeeded("plain subject"));
        String subject = "*** SPAM *** Grüße aus Köln, " + "ünd noch mehr Text ".repeat(5);
        String encoded = Text.encodeIfNeeded(subject);
        StringBuilder decoded = new StringBuilder();
        for (String word : encoded.split(" ")) {
            assertTrue(word.length() <= 75 && word.startsWith("=?UTF-8?B?") && word.endsWith("?="), word);
            decoded.append(new String(Base64.getDecoder().decode(word.substring(10, word.length() - 2)),
                    StandardCharsets.UTF_8));
        }
        assertEquals(subject, decoded.toString());
    }

    @Test
    void fieldsFoldBeforeWhiteSpaceAndUnfoldToTheSameValue() {
        String value = "mail.example.test; dkim=pass header.d=example.org header.s=sel; "
                + "spf=pass smtp.mailfrom=someone@example.org; dmarc=pass (policy=reject) header.from=example.org";
        String field = Text.field("Authentication-Results", value);
        assertTrue(field.endsWith("\r\n"));
        for (String line : field.substring(0, field.length() - 2).split("\r\n")) {
            assertTrue(line.length() <= 78, line);
        }
        assertEquals("Authentication-Results: " + value, field.substring(0, field.length() - 2).replace("\r\n", ""));
        String token = "x".repeat(120);
        assertEquals("A: short\r\n " + token + "\r\n", Text.field("A", "short " + token));
        assertEquals("A: b\r\n", Text.field("A", "b"));
    }
}
