package org.mailstack.core.mail;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a message's header section, unfolded (RFC 5322 sections 2.2 and 2.2.3): the one place that decides
 * where a field ends, so the IMAP server, the Sieve rules and the submission's From check all see the same fields in
 * the same bytes.
 *
 * <ul>
 *   <li>A line ends at LF; a CR just before it belongs to the line end. A CR elsewhere is data (the content rule,
 *       {@link MessageContent}, refuses such messages at both receivers).</li>
 *   <li>The header section ends at the first empty line, or at the end of the text.</li>
 *   <li>Unfolding removes each line end that is followed by SP or HTAB; the white space stays.</li>
 *   <li>A field is a name of printable ASCII other than the colon (RFC 5322 section 3.6.8), optionally followed by
 *       white space (the obsolete syntax of section 4.5), then a colon. A line that is no field is skipped with its
 *       continuation lines. A first line that starts with white space continues nothing: it is read as a field
 *       with that white space removed, so a check of a field (the submission's From) cannot be passed by it.</li>
 *   <li>A value is everything after the colon with white space at both ends removed; encoded-words stay as they
 *       are.</li>
 * </ul>
 */
public final class HeaderFields {
    /** One field: its name as written (without white space before the colon) and its unfolded, stripped value. */
    public record Field(String name, String value) {
    }

    private HeaderFields() {
    }

    /** The fields of the header section at the start of {@code text} (which may hold the body after it), in order. */
    public static List<Field> parse(CharSequence text) {
        List<Field> fields = new ArrayList<>();
        StringBuilder current = null;
        int start = 0;
        int length = text.length();
        while (start < length) {
            int lf = indexOf(text, '\n', start);
            int next = lf < 0 ? length : lf + 1;
            int end = lf < 0 ? length : (lf > start && text.charAt(lf - 1) == '\r' ? lf - 1 : lf);
            if (end == start) {
                break;
            } else if (current != null && isWsp(text.charAt(start))) {
                current.append(text, start, end);
            } else {
                add(fields, current);
                current = new StringBuilder(end - start).append(text, start, end);
            }
            start = next;
        }
        add(fields, current);
        return fields;
    }

    private static void add(List<Field> fields, StringBuilder line) {
        if (line == null) {
            return;
        }
        String name = nameOf(line);
        if (name != null) {
            fields.add(new Field(name, line.substring(line.indexOf(":") + 1).strip()));
        }
    }

    /**
     * The name of the field that {@code line} (a field's first line, or the field) starts, by the rules above, or
     * null when it is no field. For readers that stream a header instead of parsing it here (the MX's header
     * rewrite), so that every reader drops or sees the same fields.
     */
    public static String nameOf(CharSequence line) {
        int colon = -1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ':') {
                colon = i;
                break;
            }
        }
        int nameStart = 0;
        while (nameStart < colon && isWsp(line.charAt(nameStart))) {
            nameStart++;
        }
        int nameEnd = colon;
        while (nameEnd > nameStart && isWsp(line.charAt(nameEnd - 1))) {
            nameEnd--;
        }
        if (nameEnd <= nameStart) {
            return null;
        }
        for (int i = nameStart; i < nameEnd; i++) {
            char c = line.charAt(i);
            if (c < 33 || c > 126) {
                return null;
            }
        }
        return line.subSequence(nameStart, nameEnd).toString();
    }

    private static boolean isWsp(char c) {
        return c == ' ' || c == '\t';
    }

    private static int indexOf(CharSequence text, char c, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
