package org.mailstack.webmail.html;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping for HTML text and double-quoted attribute values, and query-string encoding. */
public final class Html {
    private Html() {
    }

    /** Escapes text for an HTML text node or a double-quoted attribute value. */
    public static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\0' -> out.append('\uFFFD');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Encodes a query-string value. */
    public static String url(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
