package org.mailstack.user.delivery;

/** Makes peer-supplied text safe for one log line: no CR, LF or other control characters, bounded length. */
public final class LogText {
    private static final int MAX = 200;

    private LogText() {}

    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX));
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
