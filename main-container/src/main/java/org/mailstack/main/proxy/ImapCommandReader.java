package org.mailstack.main.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the few IMAP commands allowed before login (RFC 9051 §6.1, §6.2) as a tag, a command name and its
 * arguments. Arguments are atoms, quoted strings (§4.3, with {@code \"} and {@code \\} escapes) or literals
 * {@code {n}} / {@code {n+}} (§4.3, RFC 7888), for which a synchronising literal gets its {@code +} continuation,
 * or one flat parenthesised list of atoms and quoted strings (ID's field list, RFC 2971 §3.1; its elements are not
 * kept: nothing before login reads them). Lines and literals are bounded: nothing before login needs more than a few
 * hundred bytes.
 */
final class ImapCommandReader {
    static final int MAX_LINE = 8 * 1024;
    static final int MAX_LITERAL = 4 * 1024;

    /**
     * One pre-login command; {@code args} decoded to bytes (credentials may be UTF-8), without its lists, whose
     * number is {@code lists}.
     */
    record Command(String tag, String name, List<byte[]> args, int lists) {
        String arg(int i) {
            return new String(args.get(i), StandardCharsets.UTF_8);
        }
    }

    /** A command line that cannot be parsed: answered with {@code BAD}. */
    static final class BadCommand extends IOException {
        private static final long serialVersionUID = 1L;
        final String tag;

        BadCommand(String tag, String message) {
            super(message);
            this.tag = tag;
        }
    }

    private final InputStream in;
    private final OutputStream out;

    ImapCommandReader(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** Reads one command; null at end of stream. */
    Command read() throws IOException {
        byte[] line = readLine();
        if (line == null) {
            return null;
        }
        Cursor c = new Cursor(line);
        String tag = c.atom();
        if (tag.isEmpty() || !c.space()) {
            throw new BadCommand("*", "Missing tag");
        }
        String name = c.atom().toUpperCase(Locale.ROOT);
        List<byte[]> args = new ArrayList<>();
        int lists = 0;
        while (c.space()) {
            if (c.peek() == '(') {
                c.list(tag);
                lists++;
            } else if (c.peek() == '"') {
                args.add(c.quoted(tag));
            } else if (c.peek() == '{') {
                int n = c.literalLength(tag);
                boolean sync = !c.nonSync;
                if (!c.atEnd()) {
                    throw new BadCommand(tag, "Literal must end the line");
                }
                if (sync) {
                    out.write("+ Ready\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                args.add(in.readNBytes(n));
                byte[] rest = readLine();
                if (rest == null) {
                    return null;
                }
                c = new Cursor(rest);
            } else {
                args.add(c.atom().getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!c.atEnd()) {
            throw new BadCommand(tag, "Unexpected characters");
        }
        return new Command(tag, name, args, lists);
    }

    /** Reads a CRLF (or LF) terminated line without its terminator; null at end of stream. */
    byte[] readLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] l = buf.toByteArray();
                int len = l.length > 0 && l[l.length - 1] == '\r' ? l.length - 1 : l.length;
                return Arrays.copyOf(l, len);
            }
            if (buf.size() >= MAX_LINE) {
                throw new IOException("line too long");
            }
            buf.write(b);
        }
        return null;
    }

    private static final class Cursor {
        private final byte[] b;
        private int i;
        boolean nonSync;

        Cursor(byte[] b) {
            this.b = b;
        }

        boolean atEnd() {
            return i >= b.length;
        }

        int peek() {
            return atEnd() ? -1 : b[i];
        }

        boolean space() {
            if (peek() == ' ') {
                i++;
                return true;
            }
            return false;
        }

        /** An atom: printable ASCII except SP, parentheses, braces, quotes, backslash, percent, star. */
        String atom() {
            int start = i;
            while (!atEnd() && b[i] > ' ' && b[i] < 0x7f && "(){\"\\%*".indexOf(b[i]) < 0) {
                i++;
            }
            return new String(b, start, i - start, StandardCharsets.US_ASCII);
        }

        byte[] quoted(String tag) throws BadCommand {
            i++;
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            while (!atEnd()) {
                byte x = b[i++];
                if (x == '"') {
                    return s.toByteArray();
                }
                if (x == '\\') {
                    if (atEnd() || (b[i] != '"' && b[i] != '\\')) {
                        throw new BadCommand(tag, "Bad escape in quoted string");
                    }
                    x = b[i++];
                }
                s.write(x);
            }
            throw new BadCommand(tag, "Unterminated quoted string");
        }

        /** A flat list of atoms and quoted strings, read past and dropped. */
        void list(String tag) throws BadCommand {
            i++;
            boolean first = true;
            while (peek() != ')') {
                if (!first && !space()) {
                    throw new BadCommand(tag, "Bad list");
                }
                if (peek() == '"') {
                    quoted(tag);
                } else if (atom().isEmpty()) {
                    throw new BadCommand(tag, "Bad list");
                }
                first = false;
            }
            i++;
        }

        int literalLength(String tag) throws BadCommand {
            i++;
            int start = i;
            while (!atEnd() && Character.isDigit(b[i])) {
                i++;
            }
            if (i == start || i - start > 6) {
                throw new BadCommand(tag, "Bad literal");
            }
            int n = Integer.parseInt(new String(b, start, i - start, StandardCharsets.US_ASCII));
            if (peek() == '+') {
                nonSync = true;
                i++;
            }
            if (peek() != '}' || n > MAX_LITERAL) {
                throw new BadCommand(tag, "Bad literal");
            }
            i++;
            return n;
        }
    }
}
