package org.mailstack.core.text;

/**
 * Text that came from outside (a client's command or address, a header, a file name the owner chose, a server's
 * reply, an exception quoting any of these) made fit for one log line, one reply line or one header value. This is
 * the one home of HACKING.md's rule "never echo CR/LF from client input into a response or a log line": every
 * module writes such text through one of these methods, so the set of characters that can break or disguise a line
 * is decided here only.
 *
 * <p>Two kinds of character are never passed through as they are:
 * <ul>
 *   <li>{@linkplain #isControl controls}: C0 (CR, LF, TAB, NUL, ESC ...), DEL and C1 (NEL, CSI ...). They end lines,
 *       start terminal escape sequences or end a string early in a C reader;</li>
 *   <li>{@linkplain #isHidden hidden characters}: Unicode format characters (bidirectional overrides and isolates,
 *       zero-width characters, tag characters), U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR and surrogates
 *       outside a pair. They reorder, hide or break what a reader sees.</li>
 * </ul>
 * Which method fits depends on where the text goes:
 * <ul>
 *   <li>{@link #logLine}: client input in a log line or a reply: each such character becomes {@code ?}, so a reader
 *       sees that something was there;</li>
 *   <li>{@link #asciiLine}: the same where only ASCII may go (IMAP resp-text, a request line of the Docker gate);</li>
 *   <li>{@link #escaped}: where the exact text matters to the reader (file names): {@code \xNN} and
 *       <code>&#92;uNNNN</code>;</li>
 *   <li>{@link #oneLine}: text whose line breaks are only formatting (a folded header value, an exception message, a
 *       value a user typed into a one-line form field): breaks become one space, other controls are dropped, and
 *       format characters stay (they are part of emoji and of right-to-left text);</li>
 *   <li>{@link #replaced}: the primitive, for a stored value with a replacement of the caller's choice.</li>
 * </ul>
 * The bounds count UTF-16 characters; a character is never split from its pair. What {@code logLine},
 * {@code asciiLine} and {@code escaped} cut ends with {@link #CUT_MARK}; {@code oneLine} and {@code replaced} cut
 * without a mark, since their callers hold a hard limit.
 */
public final class SafeText {
    /** What a cut text ends with: ASCII, so it fits wherever the text goes. */
    public static final String CUT_MARK = "...";
    /** The bound of {@link #logLine(Object)}: long enough for an address or a command, short enough for a log. */
    public static final int LOG_MAX = 200;

    private SafeText() {
    }

    /** C0 controls (U+0000 to U+001F, CR, LF and TAB included), DEL (U+007F) and C1 controls (U+0080 to U+009F). */
    public static boolean isControl(int codePoint) {
        return Character.isISOControl(codePoint);
    }

    /**
     * Characters that change how the text around them is shown without being seen themselves: Unicode format
     * characters (category Cf: bidirectional overrides and isolates, zero-width joiners and spaces, soft hyphen, tag
     * characters), U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR, and a surrogate that is not part of a pair.
     */
    public static boolean isHidden(int codePoint) {
        return Character.getType(codePoint) == Character.FORMAT || codePoint == 0x2028 || codePoint == 0x2029
                || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
    }

    /** Whether the text holds a control other than TAB (which RFC 5321 and RFC 5322 lines may carry). */
    public static boolean hasControl(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\t' && isControl(c)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #logLine(Object, int)} with the bound {@link #LOG_MAX}. */
    public static String logLine(Object text) {
        return logLine(text, LOG_MAX);
    }

    /**
     * Client input for one log line or reply line: each control and hidden character becomes {@code ?}; at most
     * {@code max} characters, then {@link #CUT_MARK} when more followed. {@code null} gives {@code ""}.
     */
    public static String logLine(Object text, int max) {
        return marked(text, max, false);
    }

    /**
     * As {@link #logLine(Object, int)}, and every character outside printable ASCII (U+0020 to U+007E) becomes
     * {@code ?} too, one {@code ?} for each code point: for text that must be ASCII.
     */
    public static String asciiLine(Object text, int max) {
        return marked(text, max, true);
    }

    /**
     * For text whose every character matters to the reader (a file name the owner chose): each control as
     * {@code \xNN}, each hidden character as Java's <code>&#92;uNNNN</code> (both halves of a pair); at most
     * {@code max} characters of output, then {@link #CUT_MARK} when more followed. {@code null} gives {@code "null"}.
     */
    public static String escaped(Object text, int max) {
        String s = String.valueOf(text);
        StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 8);
        int i = 0;
        while (i < s.length() && out.length() < max) {
            int cp = s.codePointAt(i);
            if (isControl(cp)) {
                out.append(String.format("\\x%02x", cp));
            } else if (isHidden(cp)) {
                for (char c : Character.toChars(cp)) {
                    out.append(String.format("\\u%04x", (int) c));
                }
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return i < s.length() ? out.append(CUT_MARK).toString() : out.toString();
    }

    /**
     * Each control and hidden character replaced by {@code replacement} (one for each code point); at most
     * {@code max} characters, cut without a mark. {@code null} gives {@code ""}.
     */
    public static String replaced(CharSequence text, char replacement, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        copy(text, out, max, replacement, false);
        return out.toString();
    }

    /**
     * Text whose line breaks are formatting, on one line: every run of white space that holds a line break (CR, LF,
     * VT, FF, NEL, U+2028, U+2029) or a TAB becomes one space, so a folded header value reads as RFC 5322 section
     * 2.2.3 unfolds it; every other control is dropped; the result is stripped of white space at both ends and has
     * at most {@code max} characters (cut without a mark). Format characters are kept. {@code null} gives
     * {@code ""}.
     */
    public static String oneLine(CharSequence text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        int i = 0;
        while (i < text.length() && out.length() < max) {
            int cp = Character.codePointAt(text, i);
            if (isBreak(cp)) {
                int end = i;
                while (end < text.length() && (isBreak(text.charAt(end)) || text.charAt(end) == ' ')) {
                    end++;
                }
                while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
                    out.setLength(out.length() - 1);
                }
                out.append(' ');
                i = end;
                continue;
            }
            if (!isControl(cp)) {
                if (out.length() + Character.charCount(cp) > max) {
                    break;
                }
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString().strip();
    }

    /** Characters that break a line or lay out white space: TAB, LF, VT, FF, CR, NEL, U+2028, U+2029. */
    private static boolean isBreak(int cp) {
        return (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
    }

    private static String marked(Object text, int max, boolean asciiOnly) {
        if (text == null) {
            return "";
        }
        String s = text.toString();
        StringBuilder out = new StringBuilder(Math.min(s.length(), max) + CUT_MARK.length());
        int i = copy(s, out, max, '?', asciiOnly);
        return i < s.length() ? out.append(CUT_MARK).toString() : out.toString();
    }

    /** Copies until the end or {@code max} characters, replacing what may not pass; returns where it stopped. */
    private static int copy(CharSequence text, StringBuilder out, int max, char replacement, boolean asciiOnly) {
        int i = 0;
        while (i < text.length()) {
            int cp = Character.codePointAt(text, i);
            boolean replace = isControl(cp) || isHidden(cp) || (asciiOnly && cp > 0x7e);
            int width = replace ? 1 : Character.charCount(cp);
            if (out.length() + width > max) {
                break;
            }
            if (replace) {
                out.append(replacement);
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return i;
    }
}
