package org.mailstack.imap.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mailstack.core.mail.HeaderFields;
import org.mailstack.core.mail.HeaderFields.Field;

/**
 * The fields of one header block, unfolded, in order (RFC 5322 section 2.2), as core's {@link HeaderFields} reads
 * them. Values keep encoded-words raw.
 */
public final class Header {
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
        return new Header(HeaderFields.parse(new String(raw, StandardCharsets.UTF_8)));
    }

    /** A lower-case name, for comparisons. */
    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
