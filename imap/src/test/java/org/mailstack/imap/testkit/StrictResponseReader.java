package org.mailstack.imap.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads server responses and rejects any that break the framing of RFC 3501 section 9 (formal syntax): every
 * response ends with CRLF and nothing else; a literal is followed by exactly the announced number of octets; a
 * plain literal holds no NUL (CHAR8), only a literal8 may (RFC 3516); lists are balanced; a FETCH response is
 * {@code "(" msg-att *(SP msg-att) ")"} where each item has the value its name calls for. A cut response (an item
 * name followed by the next response, or a tagged line) fails here where a line-based client would not notice.
 */
public final class StrictResponseReader {
    /** A response that breaks the syntax; the message says where, with the bytes read so far. */
    public static final class MalformedResponseException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedResponseException(String message) {
            super(message);
        }
    }

    /** A quoted string or a literal's octets. */
    public record Str(byte[] bytes, boolean literal, boolean literal8) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return (literal8 ? "~" : "") + (literal ? "{" + bytes.length + "}" : "") + '"' + text() + '"';
        }
    }

    /**
     * One response. {@code tag} is {@code "*"}, {@code "+"} or the command's tag; {@code kind} the first atom
     * after it (upper case; for {@code * n FETCH} it is {@code FETCH}, with {@code number} n); {@code fetch} the
     * items of a FETCH by name as sent; {@code code} and {@code text} those of a status response; {@code data}
     * the tokens of other responses (atoms as String, strings as {@link Str}, NIL as null, lists as List).
     */
    public record Response(String tag, String kind, long number, Map<String, Object> fetch, String code, String text,
                           List<Object> data, String raw) {
        public boolean isTagged() {
            return !tag.equals("*") && !tag.equals("+");
        }

        @Override
        public String toString() {
            return raw;
        }
    }

    private final InputStream in;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private int peeked = -2;
    private boolean utf8Quoted;

    public StrictResponseReader(InputStream in) {
        this.in = in;
    }

    /**
     * Allows UTF-8 in quoted strings, as IMAP4rev2 does (RFC 9051 section 9, {@code QUOTED-CHAR}); before, any octet
     * above 0x7F in a quoted string is an error (RFC 3501 section 9).
     */
    public void utf8Quoted(boolean on) {
        this.utf8Quoted = on;
    }

    /** Reads one whole response; null at a clean end of stream (between responses). */
    public Response read() throws IOException {
        raw.reset();
        if (peek() < 0) {
            return null;
        }
        if (peek() == '+') {
            next();
            String text = "";
            if (peek() == ' ') {
                next();
                text = textToCrlf();
            } else {
                crlf();
            }
            return new Response("+", "", -1, null, null, text, List.of(), rawText());
        }
        String tag = peek() == '*' ? String.valueOf((char) next()) : tag();
        sp();
        String first = atom();
        String kind = first.toUpperCase(Locale.ROOT);
        if (!tag.equals("*") && !kind.matches("OK|NO|BAD")) {
            throw fail("tagged response must be OK, NO or BAD, not " + first);
        }
        if (first.chars().allMatch(Character::isDigit) && tag.equals("*")) {
            long n = Long.parseLong(first);
            sp();
            String what = atom().toUpperCase(Locale.ROOT);
            if (what.equals("FETCH")) {
                sp();
                Map<String, Object> items = fetchAttributes();
                crlf();
                return new Response(tag, what, n, items, null, null, List.of(), rawText());
            }
            if (!what.matches("EXISTS|RECENT|EXPUNGE")) {
                throw fail("unknown numbered response " + what);
            }
            crlf();
            return new Response(tag, what, n, null, null, null, List.of(), rawText());
        }
        if (kind.matches("OK|NO|BAD|BYE|PREAUTH")) {
            String code = null;
            String text = "";
            if (peek() == ' ') {
                next();
                if (peek() == '[') {
                    code = responseCode();
                    if (peek() == ' ') {
                        next();
                        text = textToCrlf();
                    } else {
                        crlf();
                    }
                } else {
                    text = textToCrlf();
                }
            } else {
                crlf();
            }
            return new Response(tag, kind, -1, null, code, text, List.of(), rawText());
        }
        if (!kind.matches("CAPABILITY|FLAGS|LIST|LSUB|STATUS|SEARCH|ESEARCH|VANISHED|ENABLED|ID|NAMESPACE"
                + "|THREAD|SORT")) {
            throw fail("unknown untagged response " + first);
        }
        List<Object> data = new ArrayList<>();
        while (peek() == ' ' || peek() == '(') { // THREAD lists follow one another without a space
            if (peek() == ' ') {
                next();
            }
            data.add(value(false));
        }
        crlf();
        return new Response(tag, kind, -1, null, null, null, data, rawText());
    }

    private Map<String, Object> fetchAttributes() throws IOException {
        expect('(');
        Map<String, Object> items = new LinkedHashMap<>();
        while (true) {
            String name = attributeName();
            String upper = name.toUpperCase(Locale.ROOT);
            sp();
            Object value;
            if (upper.equals("UID") || upper.equals("RFC822.SIZE") || upper.startsWith("BINARY.SIZE[")) {
                value = number();
            } else if (upper.equals("FLAGS")) {
                value = list();
            } else if (upper.equals("INTERNALDATE")) {
                value = quoted();
            } else if (upper.equals("ENVELOPE") || upper.equals("BODYSTRUCTURE") || upper.equals("BODY")) {
                value = list();
            } else if (upper.equals("MODSEQ")) {
                expect('(');
                value = number();
                expect(')');
            } else if (upper.startsWith("BODY[") || upper.matches("RFC822(\\.HEADER|\\.TEXT)?")) {
                value = nstring(false);
            } else if (upper.startsWith("BINARY[")) {
                value = nstring(true);
            } else {
                throw fail("unknown FETCH item " + name);
            }
            if (items.put(name, value) != null) {
                throw fail("FETCH item " + name + " twice");
            }
            int c = next();
            if (c == ')') {
                return items;
            }
            if (c != ' ') {
                throw fail("expected SP or ) after " + name);
            }
        }
    }

    /** An item name: an atom, with a bracketed section (which may hold spaces and a field list) and an origin. */
    private String attributeName() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (isAtomChar(peek()) && peek() != '[') {
            sb.append((char) next());
        }
        if (peek() == '[') {
            int depth = 0;
            do {
                int c = next();
                if (c < 0x20 || c >= 0x7f) {
                    throw fail("bad octet in section");
                }
                depth += c == '[' ? 1 : c == ']' ? -1 : 0;
                sb.append((char) c);
            } while (depth > 0);
            if (peek() == '<') {
                sb.append((char) next());
                while (Character.isDigit(peek())) {
                    sb.append((char) next());
                }
                expect('>');
                sb.append('>');
            }
        }
        if (sb.length() == 0) {
            throw fail("expected a FETCH item name");
        }
        return sb.toString();
    }

    private String responseCode() throws IOException {
        expect('[');
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        while (true) {
            int c = next();
            if (c == '\r' || c == '\n' || c < 0) {
                throw fail("unterminated response code");
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ']' && depth == 0) {
                return sb.toString();
            }
            sb.append((char) c);
        }
    }

    private Object value(boolean literal8Allowed) throws IOException {
        int c = peek();
        if (c == '(') {
            return list();
        }
        if (c == '"' || c == '{' || c == '~') {
            return nstring(literal8Allowed);
        }
        String a = atom();
        return a.equalsIgnoreCase("NIL") ? null : a;
    }

    private List<Object> list() throws IOException {
        expect('(');
        List<Object> out = new ArrayList<>();
        if (peek() == ')') {
            next();
            return out;
        }
        while (true) {
            out.add(value(false));
            int c = peek();
            if (c == ')') {
                next();
                return out;
            }
            if (c == ' ') {
                next();
            } else if (c != '(') { // nested body parts follow one another without a space
                throw fail("expected SP or ) in a list");
            }
        }
    }

    private Str nstring(boolean literal8Allowed) throws IOException {
        int c = peek();
        if (c == '"') {
            return quoted();
        }
        boolean literal8 = false;
        if (c == '~') {
            if (!literal8Allowed) {
                throw fail("literal8 where only a literal is allowed");
            }
            next();
            literal8 = true;
        }
        if (peek() == '{') {
            next();
            StringBuilder digits = new StringBuilder();
            while (Character.isDigit(peek()) && digits.length() < 10) {
                digits.append((char) next());
            }
            if (digits.length() == 0) {
                throw fail("expected a literal length");
            }
            long n = Long.parseLong(digits.toString());
            expect('}');
            crlf();
            byte[] b = new byte[(int) n];
            for (int i = 0; i < n; i++) {
                int x = next();
                if (x < 0) {
                    throw fail("stream ended inside a literal of " + n);
                }
                if (x == 0 && !literal8) {
                    throw fail("NUL in a literal (only a literal8 may hold one)");
                }
                b[i] = (byte) x;
            }
            return new Str(b, true, literal8);
        }
        String a = atom();
        if (!a.equalsIgnoreCase("NIL")) {
            throw fail("expected a string or NIL, got " + a);
        }
        return null;
    }

    private Str quoted() throws IOException {
        expect('"');
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = next();
            if (c == '"') {
                byte[] octets = b.toByteArray();
                checkQuotedOctets(octets);
                return new Str(octets, false, false);
            }
            if (c == '\\') {
                c = next();
                if (c != '"' && c != '\\') {
                    throw fail("bad escape in a quoted string");
                }
            } else if (c == '\r' || c == '\n' || c <= 0) {
                throw fail("CR, LF or NUL in a quoted string");
            }
            b.write(c);
        }
    }

    private void checkQuotedOctets(byte[] octets) throws IOException {
        boolean eightBit = false;
        for (byte o : octets) {
            eightBit |= o < 0;
        }
        if (!eightBit) {
            return;
        }
        if (!utf8Quoted) {
            throw fail("8-bit octet in a quoted string");
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(octets));
        } catch (CharacterCodingException e) {
            throw fail("a quoted string that is not UTF-8");
        }
    }

    private long number() throws IOException {
        String a = atom();
        if (a.isEmpty() || !a.chars().allMatch(Character::isDigit)) {
            throw fail("expected a number, got " + a);
        }
        return Long.parseLong(a);
    }

    private String atom() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (isAtomChar(peek()) || peek() == '[' && sb.length() > 0) {
            int c = next();
            sb.append((char) c);
            if (c == '[') { // e.g. BODY[...] inside a code, or a flag
                while (peek() != ']' && peek() >= 0x20) {
                    sb.append((char) next());
                }
                sb.append((char) expect(']'));
            }
        }
        if (sb.length() == 0) {
            throw fail("expected an atom");
        }
        return sb.toString();
    }

    private String tag() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (isAtomChar(peek()) && peek() != '+') {
            sb.append((char) next());
        }
        if (sb.length() == 0) {
            throw fail("expected a tag");
        }
        return sb.toString();
    }

    private static boolean isAtomChar(int c) {
        return c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '"' && c != ' ' && c != ']'
                && c != '[';
    }

    private String textToCrlf() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (peek() != '\r') {
            int c = next();
            if (c == '\n' || c <= 0) {
                throw fail("LF, NUL or end of stream in text");
            }
            b.write(c);
        }
        crlf();
        return b.toString(StandardCharsets.UTF_8);
    }

    private void sp() throws IOException {
        expect(' ');
    }

    private void crlf() throws IOException {
        expect('\r');
        expect('\n');
    }

    private int expect(int c) throws IOException {
        int got = next();
        if (got != c) {
            throw fail("expected '" + printable(c) + "', got '" + printable(got) + "'");
        }
        return got;
    }

    private static String printable(int c) {
        return c < 0 ? "end of stream" : c == '\r' ? "\\r" : c == '\n' ? "\\n" : String.valueOf((char) c);
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked;
    }

    private int next() throws IOException {
        int c = peek();
        peeked = -2;
        if (c >= 0) {
            raw.write(c);
        }
        return c;
    }

    private String rawText() {
        return raw.toString(StandardCharsets.UTF_8);
    }

    private MalformedResponseException fail(String what) throws IOException {
        StringBuilder rest = new StringBuilder();
        for (int i = 0; i < 200 && in.available() > 0; i++) { // what follows, for the report
            int c = next();
            if (c < 0) {
                break;
            }
        }
        rest.append(rawText());
        return new MalformedResponseException(what + " in: " + rest.toString().replace("\r", "\\r").replace("\n",
                "\\n\n"));
    }
}
