package org.mailstack.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one rule for text from outside in log lines, replies and header values, against hostile input. */
class SafeTextTest {
    private static final String RLO = "\u202e";
    private static final String ZWJ = "\u200d";
    private static final String TAG_A = new String(Character.toChars(0xE0041));
    private static final String EMOJI = new String(Character.toChars(0x1F600));

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x07, '\t', '\n', 0x0b, 0x0c, '\r', 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f})
    void controlsAreC0DelAndC1(int c) {
        assertTrue(SafeText.isControl(c));
        assertEquals("a?b", SafeText.logLine("a" + (char) c + "b"));
    }

    @ParameterizedTest
    @ValueSource(ints = {' ', '~', 0xa0, 0xe9, 0x20ac, 0x1F600})
    void printableCharactersAreNeitherControlNorHidden(int c) {
        assertFalse(SafeText.isControl(c));
        assertFalse(SafeText.isHidden(c));
        String s = new String(Character.toChars(c));
        assertEquals(s, SafeText.logLine(s));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00ad, 0x200b, 0x200d, 0x200e, 0x202a, 0x202e, 0x2066, 0x2028, 0x2029, 0xfeff, 0xE0041,
            0xd800, 0xdfff})
    void hiddenCharactersAreFormatSeparatorsAndLoneSurrogates(int c) {
        assertTrue(SafeText.isHidden(c));
        assertEquals("a?b", SafeText.logLine("a" + new String(Character.toChars(c)) + "b"));
    }

    @Test
    void aForgedLogLineStaysOnOneLine() {
        String attack = "bob\r\n2026-12-07 INFO login ok for admin\rx\ny\u0085z\u2028w";
        String shown = SafeText.logLine(attack);
        assertEquals("bob??2026-12-07 INFO login ok for admin?x?y?z?w", shown);
        assertFalse(shown.chars().anyMatch(c -> c == '\r' || c == '\n'));
    }

    @Test
    void terminalEscapesAndBidiOverridesAreShownAsQuestionMarks() {
        assertEquals("?[31mred?[0m", SafeText.logLine("\u001b[31mred\u001b[0m"));
        assertEquals("?31m", SafeText.logLine("\u009b31m"), "C1 CSI");
        assertEquals("file?gpj.exe", SafeText.logLine("file" + RLO + "gpj.exe"));
        assertEquals("a?b", SafeText.logLine("a" + TAG_A + "b"), "a tag character is one code point, one ?");
    }

    @Test
    void nonAsciiTextStaysInALogLine() {
        assertEquals("Grüße " + EMOJI + " 東京", SafeText.logLine("Grüße " + EMOJI + " 東京"));
    }

    @Test
    void nullIsEmptyAndObjectsAreShownByToString() {
        assertEquals("", SafeText.logLine(null));
        assertEquals("", SafeText.asciiLine(null, 10));
        assertEquals("", SafeText.oneLine(null, 10));
        assertEquals("", SafeText.replaced(null, ' ', 10));
        assertEquals("null", SafeText.escaped(null, 10));
        assertEquals("a?b", SafeText.logLine(new StringBuilder("a\nb")));
    }

    @Test
    void longTextIsCutAndMarked() {
        String huge = "x".repeat(1_000_000) + "\r\nInjected: yes";
        assertEquals("x".repeat(SafeText.LOG_MAX) + "...", SafeText.logLine(huge));
        assertEquals("x".repeat(80) + "...", SafeText.logLine(huge, 80));
        assertEquals("x".repeat(80), SafeText.logLine("x".repeat(80), 80), "exactly at the bound: no mark");
        assertEquals("", SafeText.logLine("", 0));
        assertEquals("...", SafeText.logLine("x", 0));
    }

    @Test
    void aPairIsNeverSplitByTheBound() {
        String text = "ab" + EMOJI;
        assertEquals("ab...", SafeText.logLine(text, 3));
        assertEquals("ab" + EMOJI, SafeText.logLine(text, 4));
        assertEquals("ab", SafeText.oneLine(text, 3));
    }

    @Test
    void asciiLineHasOnlyPrintableAscii() {
        assertEquals("GET /??[31m?? HTTP/1.1", SafeText.asciiLine("GET /\u0000\u001b[31m\u009b\u00e9 HTTP/1.1", 120));
        assertEquals("caf? ? ?", SafeText.asciiLine("café " + EMOJI + " " + RLO, 100), "one ? per code point");
        assertEquals("a".repeat(120) + "...", SafeText.asciiLine("a".repeat(500), 120));
        String all = SafeText.asciiLine(allChars(), Integer.MAX_VALUE);
        assertTrue(all.chars().allMatch(c -> c >= 0x20 && c <= 0x7e), all);
    }

    @Test
    void escapedShowsEachCharacter() {
        assertEquals("a\\x0ab\\x7fc\\x85d\\u2028e\\x00f\\x0dg",
                SafeText.escaped("a\nb\u007fc\u0085d\u2028e\u0000f\rg", 300));
        assertEquals("x\\u202ey", SafeText.escaped("x" + RLO + "y", 300));
        assertEquals("\\udb40\\udc41", SafeText.escaped(TAG_A, 300), "both halves of a hidden pair");
        assertEquals("\\ud800z", SafeText.escaped("\ud800z", 300), "a lone surrogate");
        assertEquals("Grüße", SafeText.escaped("Grüße", 300));
        String cut = SafeText.escaped("\n".repeat(1000), 300);
        assertTrue(cut.length() <= 300 + 4 + SafeText.CUT_MARK.length(), cut);
        assertTrue(cut.endsWith("\\x0a..."), cut);
    }

    static Stream<Arguments> oneLines() {
        return Stream.of(
                Arguments.of("a folded value", "Received: a;\r\n\tb;\r\n  c", "Received: a; b; c"),
                Arguments.of("a field smuggled in", "Hi\r\nBcc: victim@example.org", "Hi Bcc: victim@example.org"),
                Arguments.of("bare CR and bare LF", "bare\rCR and\nbare LF", "bare CR and bare LF"),
                Arguments.of("NEL, LS, VT and FF", "a\u0085b\u2028c\u000bd\fe", "a b c d e"),
                Arguments.of("other controls", "a\u0000\u0007b\u007f\u009b\u001b", "ab"),
                Arguments.of("a TAB among spaces", "a \t  b", "a b"),
                Arguments.of("plain spaces are content", "a  b", "a  b"),
                Arguments.of("breaks at both ends", "\r\n x \r\n", "x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneLines")
    void oneLineUnfoldsAndDropsOtherControls(String what, String given, String flat) {
        assertEquals(flat, SafeText.oneLine(given, 100));
    }

    @Test
    void oneLineCutsWithoutAMark() {
        assertEquals("abc", SafeText.oneLine("abcdef", 3));
        assertEquals("a", SafeText.oneLine("a\r\n b", 2), "the space of a break is stripped at the end");
    }

    @Test
    void oneLineKeepsEmojiSequencesAndRightToLeftText() {
        String family = "\ud83d\udc68" + ZWJ + "\ud83d\udc69" + ZWJ + "\ud83d\udc67";
        assertEquals("Re: " + family, SafeText.oneLine("Re: " + family, 100));
        assertEquals("\u200fשלום", SafeText.oneLine("\u200fשלום", 100));
    }

    @Test
    void oneLineOfAHugeFoldedValueIsBoundedAndFlat() {
        String folded = "word\r\n ".repeat(200_000);
        String flat = SafeText.oneLine(folded, 4096);
        assertTrue(flat.length() <= 4096);
        assertTrue(flat.startsWith("word word word"), flat.substring(0, 20));
        assertFalse(flat.chars().anyMatch(SafeText::isControl));
    }

    @Test
    void replacedUsesTheCallersCharacterAndNoMark() {
        assertEquals("451 down  injected", SafeText.replaced("451 down\r\ninjected", ' ', 300));
        assertEquals("a b c", SafeText.replaced("a\u0000b" + RLO + "c", ' ', 300));
        assertEquals("xxx", SafeText.replaced("xxxxxx", ' ', 3));
    }

    @Test
    void hasControlAllowsTabOnly() {
        assertFalse(SafeText.hasControl("MAIL FROM:<a@b.c>\tSIZE=10 Grüße"));
        assertTrue(SafeText.hasControl("RCPT TO:<a@b.c>\u0000"));
        assertTrue(SafeText.hasControl("EHLO x\ry"));
        assertTrue(SafeText.hasControl("EHLO \u0085"));
        assertTrue(SafeText.hasControl("\u007f"));
        assertFalse(SafeText.hasControl(""));
    }

    @Test
    void noOutputOfAnyCharacterCarriesALineBreakOrControl() {
        String all = allChars();
        int max = Integer.MAX_VALUE;
        for (String out : new String[] {SafeText.logLine(all, max), SafeText.oneLine(all, max),
                SafeText.replaced(all, '_', max), SafeText.escaped(all, max)}) {
            assertFalse(out.codePoints().anyMatch(SafeText::isControl), "a control passed");
            assertFalse(out.contains("\u2028") || out.contains("\u2029"), "a separator passed");
        }
        String logged = SafeText.logLine(all, Integer.MAX_VALUE);
        assertFalse(logged.codePoints().anyMatch(SafeText::isHidden), "a hidden character passed");
    }

    /** Every UTF-16 unit once, lone surrogates included. */
    private static String allChars() {
        StringBuilder sb = new StringBuilder(0x10000);
        for (int c = 0; c <= 0xffff; c++) {
            sb.append((char) c);
        }
        return sb.toString();
    }
}
