package org.mailstack.user.sieve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.mailstack.core.mail.HeaderFields;

/**
 * The header section of a message (RFC 5322 section 2.2), unfolded, as Sieve tests see it.
 *
 * <p>RFC 5228 section 5.7: header values are compared after unfolding and RFC 2047 decoding, with leading and
 * trailing whitespace removed. The fields are core's {@link HeaderFields}: lines that are no field are ignored, as
 * are bytes after the first empty line.
 */
public final class HeaderBlock {
    private record Field(String name, String value) {}

    private final List<Field> fields;

    private HeaderBlock(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    /** Parses the header section at the start of {@code message} (which may be cut anywhere after it). */
    public static HeaderBlock parse(byte[] message) {
        List<Field> fields = new ArrayList<>();
        for (HeaderFields.Field field : HeaderFields.parse(new String(message, StandardCharsets.UTF_8))) {
            fields.add(new Field(field.name(), decode(field.value())));
        }
        return new HeaderBlock(fields);
    }

    private static String decode(String value) {
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT).trim();
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    /** All values of the named field, in message order; names compare case-insensitively. */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (Field field : fields) {
            if (field.name.equalsIgnoreCase(name)) {
                values.add(field.value);
            }
        }
        return values;
    }

    /** The distinct field names (compared case-insensitively), in first-seen order. */
    public List<String> names() {
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (Field field : fields) {
            if (seen.add(field.name.toLowerCase(Locale.ROOT))) {
                names.add(field.name);
            }
        }
        return names;
    }

    /** The first value of the named field, or "" when absent. */
    public String first(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? "" : values.get(0);
    }

    /** Whether a field with that name exists. */
    public boolean has(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return fields.stream().anyMatch(f -> f.name.toLowerCase(Locale.ROOT).equals(lower));
    }
}
