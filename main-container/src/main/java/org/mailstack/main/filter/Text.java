package org.mailstack.main.filter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.mailstack.core.text.SafeText;

/**
 * Header text this filter writes from values it did not make (rspamd's answer, which quotes the message): unfolded,
 * stripped of control characters so no CR or LF can start a field of its own, encoded (RFC 2047) when not ASCII, and
 * folded (RFC 5322 section 2.2.3) only before existing white space, so unfolding gives back the same value.
 */
final class Text {
    /** Longest line this filter aims for, without the CRLF (RFC 5322 section 2.1.1 recommends 78). */
    private static final int LINE = 78;
    /** Bytes of UTF-8 per encoded word: 45 bytes are 60 base64 characters, 72 with {@code =?UTF-8?B?...?=}. */
    private static final int WORD_BYTES = 45;

    private Text() {
    }

    /**
     * One line of text: folding removed (CR and LF with the white space around them become one space), other
     * control characters dropped, at most {@code max} characters: core's {@link SafeText#oneLine}.
     */
    static String printable(String s, int max) {
        return SafeText.oneLine(s, max);
    }

    /** The value as RFC 2047 encoded words when it is not plain ASCII, else unchanged. */
    static String encodeIfNeeded(String value) {
        if (value.chars().allMatch(c -> c < 0x80)) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int end = i;
            int bytes = 0;
            while (end < value.length()) {
                int cp = value.codePointAt(end);
                int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                if (bytes + n > WORD_BYTES) {
                    break;
                }
                bytes += n;
                end += Character.charCount(cp);
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(
                    value.substring(i, end).getBytes(StandardCharsets.UTF_8))).append("?=");
            i = end;
        }
        return out.toString();
    }

    /** {@code Name: value} with CRLF, folded before white space where a line would pass 78 characters. */
    static String field(String name, String value) {
        String whole = name + ": " + value;
        StringBuilder out = new StringBuilder(whole.length() + 16);
        int lineStart = 0;
        int lastSpace = -1;
        for (int i = name.length() + 2; i < whole.length(); i++) {
            if (whole.charAt(i) != ' ' || i == lineStart || whole.charAt(i - 1) == ' ') {
                continue;
            }
            if (i - lineStart > LINE) {
                int at = lastSpace > lineStart ? lastSpace : i;
                out.append(whole, lineStart, at).append("\r\n");
                lineStart = at;
                lastSpace = -1;
                i = at;
            } else {
                lastSpace = i;
            }
        }
        if (whole.length() - lineStart > LINE && lastSpace > lineStart) {
            out.append(whole, lineStart, lastSpace).append("\r\n");
            lineStart = lastSpace;
        }
        return out.append(whole, lineStart, whole.length()).append("\r\n").toString();
    }
}
