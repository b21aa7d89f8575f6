package org.mailstack.imap.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over one complete client command as it came off the wire: the command line, and for each literal
 * the {@code {n}} / {@code {n+}} marker, CRLF, the n octets and the rest of the line (RFC 3501 section 4.3,
 * RFC 7888). Implements the lexical productions of RFC 3501 section 9; everything else parses through it.
 */
public final class ImapReader {
    private final byte[] buf;
    private int pos;
    private boolean utf8Mailboxes;

    public ImapReader(byte[] command) {
        this.buf = command;
    }

    public static ImapReader of(String command) {
        return new ImapReader(command.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes mailbox names as UTF-8 (IMAP4rev2, RFC 9051 section 5.1), not modified UTF-7. */
    public ImapReader utf8Mailboxes(boolean on) {
        this.utf8Mailboxes = on;
        return this;
    }

    public boolean utf8Mailboxes() {
        return utf8Mailboxes;
    }

    public int position() {
        return pos;
    }

    /** The octets read since {@code start} (a {@link #position()}) as text. */
    public String textSince(int start) {
        return new String(buf, start, pos - start, StandardCharsets.UTF_8);
    }

    /** Goes back to an earlier {@link #position()}. */
    public void rewind(int position) {
        pos = position;
    }

    /** The next byte, or -1 at the end of the buffer. */
    public int peek() {
        return pos < buf.length ? buf[pos] & 0xff : -1;
    }

    /** The byte after the next one, or -1. */
    private int peekNext() {
        return pos + 1 < buf.length ? buf[pos + 1] & 0xff : -1;
    }

    public boolean atEndOfLine() {
        return peek() == '\r' || peek() == '\n' || peek() == -1;
    }

    /** Requires the command to end here (CRLF, or the end of the buffer). */
    public void end() {
        if (peek() == '\r') {
            pos++;
        }
        if (peek() == '\n') {
            pos++;
        }
        if (pos != buf.length) {
            throw new ParseException("Unexpected characters at end of command");
        }
    }

    public void sp() {
        expect(' ');
    }

    public void expect(char c) {
        if (peek() != c) {
            throw new ParseException("Expected '" + c + "'");
        }
        pos++;
    }

    /** Consumes {@code c} when it is next. */
    public boolean consume(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Consumes {@code word} case-insensitively when the buffer continues with it. */
    public boolean consumeWord(String word) {
        if (pos + word.length() > buf.length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.toUpperCase((char) (buf[pos + i] & 0xff)) != Character.toUpperCase(word.charAt(i))) {
                return false;
            }
        }
        pos += word.length();
        return true;
    }

    /** A tag: one or more ASTRING-CHARs other than {@code +}. */
    public String tag() {
        int start = pos;
        while (isAstringChar(peek()) && peek() != '+') {
            pos++;
        }
        if (pos == start) {
            throw new ParseException("Missing tag");
        }
        return ascii(start, pos);
    }

    /** An atom (ATOM-CHARs). */
    public String atom() {
        int start = pos;
        while (isAtomChar(peek())) {
            pos++;
        }
        if (pos == start) {
            throw new ParseException("Expected an atom");
        }
        return ascii(start, pos);
    }

    /** A fetch attribute name: an atom that stops before {@code [} ({@code BODY.PEEK[...]}). */
    public String fetchAttName() {
        int start = pos;
        while (isAtomChar(peek()) && peek() != '[' && peek() != '<') {
            pos++;
        }
        if (pos == start) {
            throw new ParseException("Expected a fetch attribute");
        }
        return ascii(start, pos);
    }

    /** An atom that may contain {@code ]} (ASTRING-CHAR), as in the atom form of astring. */
    private String astringAtom() {
        int start = pos;
        while (isAstringChar(peek())) {
            pos++;
        }
        if (pos == start) {
            throw new ParseException("Expected an atom or string");
        }
        return ascii(start, pos);
    }

    /** A flag: an atom, possibly preceded by a backslash; {@code \*} when allowed by the caller. */
    public String flag() {
        if (consume('\\')) {
            if (consume('*')) {
                return "\\*";
            }
            return "\\" + atom();
        }
        return atom();
    }

    /** A parenthesised flag list, or (lenient, as most servers) a single flag. */
    public List<String> flagList() {
        List<String> flags = new ArrayList<>();
        if (!consume('(')) {
            flags.add(flag());
            while (consume(' ')) {
                flags.add(flag());
            }
            return flags;
        }
        if (consume(')')) {
            return flags;
        }
        flags.add(flag());
        while (consume(' ')) {
            flags.add(flag());
        }
        expect(')');
        return flags;
    }

    /** A number (32-bit unsigned). */
    public long number() {
        int start = pos;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
        if (pos == start || pos - start > 20) {
            throw new ParseException("Expected a number");
        }
        String digits = ascii(start, pos);
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new ParseException("Number out of range");
        }
    }

    /** A non-zero 32-bit number. */
    public long nzNumber() {
        long n = number();
        if (n == 0 || n > 0xFFFFFFFFL) {
            throw new ParseException("Expected a non-zero number");
        }
        return n;
    }

    /** A sequence-set, or {@code $} alone (RFC 5182 section 3). */
    public SequenceSet sequenceSet() {
        if (peek() == '$') {
            pos++;
            if (isSequenceChar(peek())) {
                throw new ParseException("$ cannot be combined with other numbers");
            }
            return SequenceSet.SAVED;
        }
        int start = pos;
        while (isSequenceChar(peek())) {
            pos++;
        }
        if (pos == start) {
            throw new ParseException("Expected a sequence set");
        }
        return SequenceSet.parse(ascii(start, pos));
    }

    /** An astring as text (UTF-8). */
    public String astring() {
        return utf8(astringBytes());
    }

    public byte[] astringBytes() {
        int c = peek();
        if (c == '"' || c == '{' || c == '~' && peekNext() == '{') { // "~foo" is an atom, "~{3}" a literal8
            return stringBytes();
        }
        String atom = astringAtom();
        return atom.getBytes(StandardCharsets.US_ASCII);
    }

    /** A quoted string or a literal, as octets. */
    public byte[] stringBytes() {
        if (peek() == '"') {
            return quoted();
        }
        if (peek() == '~') {
            pos++; // RFC 3516 literal8 prefix, accepted where a literal is
        }
        if (peek() == '{') {
            return literal();
        }
        throw new ParseException("Expected a string");
    }

    public String string() {
        return utf8(stringBytes());
    }

    /** An nstring: NIL or a string; returns null for NIL. */
    public String nstring() {
        if (consumeNil()) {
            return null;
        }
        return string();
    }

    public boolean consumeNil() {
        int save = pos;
        if (consumeWord("NIL") && !isAtomChar(peek())) {
            return true;
        }
        pos = save;
        return false;
    }

    /** A mailbox name (astring), decoded from modified UTF-7; {@code INBOX} in any case becomes {@code INBOX}. */
    public String mailbox() {
        return utf8Mailboxes ? Mailboxes.normaliseInbox(astring()) : Mailboxes.fromWire(astring());
    }

    /** A list-mailbox: astring, or an atom that may contain {@code %} and {@code *} (RFC 3501 section 6.3.8). */
    public String listMailbox() {
        int c = peek();
        if (c == '"' || c == '{') {
            return string();
        }
        int start = pos;
        while (isAstringChar(peek()) || peek() == '%' || peek() == '*') {
            pos++;
        }
        if (pos == start) {
            throw new ParseException("Expected a mailbox pattern");
        }
        return ascii(start, pos);
    }

    private byte[] quoted() {
        expect('"');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int c = peek();
            if (c == -1 || c == '\r' || c == '\n') {
                throw new ParseException("Unterminated quoted string");
            }
            pos++;
            if (c == '"') {
                return out.toByteArray();
            }
            if (c == '\\') {
                int e = peek();
                if (e != '"' && e != '\\') {
                    throw new ParseException("Invalid escape in quoted string");
                }
                pos++;
                c = e;
            }
            out.write(c);
        }
    }

    private byte[] literal() {
        expect('{');
        long n = number();
        consume('+');
        expect('}');
        expect('\r');
        expect('\n');
        if (n > buf.length - pos) {
            throw new ParseException("Literal longer than the command");
        }
        byte[] out = new byte[(int) n];
        System.arraycopy(buf, pos, out, 0, (int) n);
        pos += (int) n;
        return out;
    }

    /** The rest of the line up to CRLF, for AUTHENTICATE continuation lines and the like. */
    public String restOfLine() {
        int start = pos;
        while (!atEndOfLine()) {
            pos++;
        }
        return ascii(start, pos);
    }

    private String ascii(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static boolean isAtomChar(int c) {
        return c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '%' && c != '*' && c != '"'
                && c != '\\' && c != ']';
    }

    static boolean isAstringChar(int c) {
        return isAtomChar(c) || c == ']';
    }

    private static boolean isSequenceChar(int c) {
        return (c >= '0' && c <= '9') || c == ':' || c == ',' || c == '*';
    }
}
