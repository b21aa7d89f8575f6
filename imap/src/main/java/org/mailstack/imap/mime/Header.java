package org.mailstack.imap.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The fields of one header block, unfolded, in order (RFC 5322 section 2.2). Values keep encoded-words raw. */
public final class Header {
    /** One field: its name as written and its unfolded value with leading white space removed. */
    public record Field(String name, String value) {
    }

    private final List<Field> fields;

    public Header(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    public List<Field> fields() {
        return fields;
    }

    /** The first value of the named field, or null. */
    public String get(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    /** All values of the named field. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                out.add(f.value());
            }
        }
        return out;
    }

    /** Parses raw header bytes (lines with their terminators, without the blank line). */
    public static Header parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        List<Field> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(line);
                continue;
            }
            add(fields, current);
            current = new StringBuilder(line);
        }
        add(fields, current);
        return new Header(fields);
    }

    private static void add(List<Field> fields, StringBuilder line) {
        if (line == null) {
            return;
        }
        int colon = line.indexOf(":");
        if (colon <= 0) {
            return;
        }
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).strip();
        fields.add(new Field(name, value));
    }

    /** A lower-case name, for comparisons. */
    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
