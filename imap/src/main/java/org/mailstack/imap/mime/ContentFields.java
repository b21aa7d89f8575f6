package org.mailstack.imap.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Parses Content-Type and Content-Disposition values (RFC 2045 section 5.1, RFC 2183) the way BODYSTRUCTURE
 * reports them: a value without {@code type/subtype} keeps what could be read ({@code text} alone is type
 * {@code text} with an empty subtype; anything else malformed is {@code "" ""} with no parameters); a malformed
 * parameter is dropped with whatever follows it up to the next {@code ;} after it; RFC 2231 continuations
 * ({@code name*0}, {@code name*1*}) are joined into one {@code name} or {@code name*}, listed after the plain
 * parameters.
 */
public final class ContentFields {
    /** A parsed Content-Type: type and subtype as written ("" when missing) and the parameters in output order. */
    public record Type(String type, String subtype, List<MimePart.Param> params) {
    }

    /** A parsed Content-Disposition: its token ("" when missing) and parameters. */
    public record Disposition(String value, List<MimePart.Param> params) {
    }

    private record Section(String key, int index, boolean extended, String value) {
    }

    private final String s;
    private int pos;

    private ContentFields(String s) {
        this.s = s;
    }

    public static Type type(String value) {
        ContentFields p = new ContentFields(value);
        if (!p.skipSpace()) {
            return new Type("", "", List.of());
        }
        String type = p.token();
        if (type.isEmpty()) {
            return new Type("", "", List.of());
        }
        boolean more = p.skipSpace();
        if (!more) {
            return new Type(type, "", List.of());
        }
        if (p.peek() != '/') {
            return new Type("", "", List.of());
        }
        p.pos++;
        if (!p.skipSpace()) {
            return new Type("", "", List.of());
        }
        String subtype = p.token();
        if (subtype.isEmpty()) {
            return new Type("", "", List.of());
        }
        p.skipSpace();
        return new Type(type, subtype, p.params());
    }

    public static Disposition disposition(String value) {
        ContentFields p = new ContentFields(value);
        p.skipSpace();
        String token = p.token();
        p.skipSpace();
        return new Disposition(token, p.params());
    }

    private List<MimePart.Param> params() {
        List<MimePart.Param> plain = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        while (pos < s.length()) {
            String[] kv = param();
            if (kv == null) {
                pos++;
                continue;
            }
            Section section = section(kv[0], kv[1]);
            if (section == null) {
                plain.add(new MimePart.Param(kv[0], kv[1]));
            } else {
                sections.add(section);
            }
        }
        plain.addAll(merge(sections.stream()
                .sorted(Comparator.comparing(Section::key).thenComparingInt(Section::index)).toList()));
        return plain;
    }

    /** {@code key*}, {@code key*N} or {@code key*N*}; null for a plain key. */
    private static Section section(String key, String value) {
        int star = key.indexOf('*');
        if (star < 0) {
            return null;
        }
        int i = star;
        int index = 0;
        if (i + 1 < key.length()) {
            i++;
            while (i < key.length() && key.charAt(i) >= '0' && key.charAt(i) <= '9') {
                index = index * 10 + key.charAt(i) - '0';
                i++;
            }
        }
        boolean extended = i < key.length() && key.charAt(i) == '*';
        if (extended) {
            i++;
        }
        return i == key.length() ? new Section(key.substring(0, star), index, extended, value) : null;
    }

    /**
     * Joins the sections of each key (sorted by key, then index) into one parameter, {@code key*} when any section
     * is extended (plain sections are then percent-encoded, RFC 2231 section 4); keys with a missing index are
     * listed section by section as written.
     */
    private static List<MimePart.Param> merge(List<Section> sorted) {
        List<MimePart.Param> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            boolean complete = true;
            boolean anyExtended = false;
            while (j < sorted.size() && sorted.get(j).key().equalsIgnoreCase(sorted.get(i).key())) {
                complete &= sorted.get(j).index() == j - i;
                anyExtended |= sorted.get(j).extended();
                j++;
            }
            if (!complete) {
                for (Section x : sorted.subList(i, j)) {
                    out.add(new MimePart.Param(x.key() + "*" + x.index() + (x.extended() ? "*" : ""), x.value()));
                }
            } else {
                StringBuilder value = new StringBuilder();
                if (anyExtended && !sorted.get(i).extended()) {
                    value.append("''");
                }
                for (Section x : sorted.subList(i, j)) {
                    value.append(anyExtended && !x.extended() ? percentEncoded(x.value()) : x.value());
                }
                out.add(new MimePart.Param(sorted.get(i).key() + (anyExtended ? "*" : ""), value.toString()));
            }
            i = j;
        }
        return out;
    }

    private static String percentEncoded(String v) {
        StringBuilder b = new StringBuilder();
        for (byte c : v.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return b.toString();
    }

    /** One {@code ; key=value}, or null when malformed (the caller then skips one character). */
    private String[] param() {
        if (peek() != ';') {
            return null;
        }
        pos++;
        if (!skipSpace()) {
            return null;
        }
        String key = token();
        if (key.isEmpty() || !skipSpace() || peek() != '=') {
            return null;
        }
        pos++;
        if (!skipSpace()) {
            return null;
        }
        String value;
        if (peek() == '"') {
            value = quoted();
            if (value == null) {
                return null;
            }
        } else if (peek() == '=') {
            int start = pos;
            while (pos < s.length() && " \t\r\n;".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            value = s.substring(start, pos);
        } else {
            value = token();
        }
        skipSpace();
        return new String[] {key, value};
    }

    private String quoted() {
        StringBuilder b = new StringBuilder();
        pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\' && pos < s.length()) {
                c = s.charAt(pos++);
            } else if (c == '\r' || c == '\n') {
                continue;
            }
            b.append(c);
        }
        return null;
    }

    private String token() {
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c <= ' ' || c == 127 || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
                break;
            }
            pos++;
        }
        return s.substring(start, pos);
    }

    private int peek() {
        return pos < s.length() ? s.charAt(pos) : -1;
    }

    /** Skips white space and comments; false at the end of the value or in an unterminated comment. */
    private boolean skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (c == '(') {
                if (!skipComment()) {
                    return false;
                }
            } else {
                return true;
            }
        }
        return false;
    }

    private boolean skipComment() {
        int depth = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return true;
            }
        }
        return false;
    }
}
