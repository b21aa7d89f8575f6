package org.mailstack.imap.response;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.mailstack.core.text.SafeText;
import org.mailstack.imap.parse.ModifiedUtf7;

/**
 * Writes the tokens of RFC 3501 section 4 to an output stream. Strings are sent quoted when they can be
 * (printable 7-bit, no CR/LF, short) and as literals otherwise, so client data can never break a line. Free text
 * ({@link #text}) has control characters replaced, so nothing a client sent can inject a response line.
 */
public final class ImapWriter {
    private static final int MAX_QUOTED = 1024;
    private final OutputStream out;
    private boolean pendingSpace;
    private boolean utf8Mailboxes;

    public ImapWriter(OutputStream out) {
        this.out = out;
    }

    public OutputStream stream() {
        return out;
    }

    /** Starts an untagged response: {@code * }. */
    public ImapWriter untagged() {
        return raw("* ");
    }

    /** Writes ASCII verbatim, with no separator (server-chosen text only). */
    public ImapWriter raw(String ascii) {
        pendingSpace = false;
        write(ascii.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** Writes a token preceded by a space unless it opens the line or follows "(" or raw text. */
    public ImapWriter atom(String ascii) {
        spaceIfPending();
        write(ascii.getBytes(StandardCharsets.US_ASCII));
        return spaceNext();
    }

    public ImapWriter number(long n) {
        return atom(Long.toString(n));
    }

    /** Marks that the next token needs a separating space. */
    public ImapWriter spaceNext() {
        pendingSpace = true;
        return this;
    }

    /** Cancels the pending separator: the next token follows without a space, as nested body parts do. */
    public ImapWriter noSpace() {
        pendingSpace = false;
        return this;
    }

    public ImapWriter open() {
        spaceIfPending();
        write('(');
        return this;
    }

    public ImapWriter close() {
        pendingSpace = false;
        write(')');
        pendingSpace = true;
        return this;
    }

    public ImapWriter nil() {
        return atom("NIL");
    }

    /** An nstring: NIL for null. */
    public ImapWriter nstring(String s) {
        return s == null ? nil() : string(s);
    }

    /** Sends mailbox names as UTF-8 (IMAP4rev2, RFC 9051 section 5.1) instead of modified UTF-7. */
    public void utf8Mailboxes(boolean on) {
        this.utf8Mailboxes = on;
    }

    /**
     * A mailbox name (the store's logical name): modified UTF-7 (RFC 3501 section 5.1.3), or once IMAP4rev2 is on a
     * UTF-8 quoted string (RFC 9051 sections 4.3 and 5.1; a literal when it cannot be quoted).
     */
    public ImapWriter mailbox(String name) {
        if (!utf8Mailboxes) {
            return string(ModifiedUtf7.encode(name));
        }
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        for (byte c : b) {
            if (c >= 0 && c < 0x20 || c == 0x7f) {
                return string(name); // a literal
            }
        }
        if (b.length > MAX_QUOTED) {
            return string(name);
        }
        spaceIfPending();
        write('"'); // RFC 9051 section 4.3: a quoted string may hold UTF-8
        for (byte c : b) {
            if (c == '"' || c == '\\') {
                write('\\');
            }
            write(c);
        }
        write('"');
        pendingSpace = true;
        return this;
    }

    /** A string: quoted when safe, a literal otherwise. */
    public ImapWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        spaceIfPending();
        if (quotable(b)) {
            write('"');
            for (byte c : b) {
                if (c == '"' || c == '\\') {
                    write('\\');
                }
                write(c);
            }
            write('"');
        } else {
            literalHeader(b.length);
            write(withoutNul(b));
        }
        pendingSpace = true;
        return this;
    }

    /** A literal from bytes (a NUL is sent as 0x80, see {@link #literal(InputStream, long, boolean)}). */
    public ImapWriter literal(byte[] b) {
        spaceIfPending();
        literalHeader(b.length);
        write(withoutNul(b));
        pendingSpace = true;
        return this;
    }

    /** A literal of exactly {@code length} octets streamed from {@code in} (padded with spaces if it ends early). */
    public ImapWriter literal(InputStream in, long length) throws IOException {
        return literal(in, length, false);
    }

    /**
     * As {@link #literal(InputStream, long)}, as a {@code ~{n}} literal8 (RFC 3516 section 4.3) when asked.
     *
     * <p>A plain literal never holds a NUL (CHAR8, RFC 3501 section 9): a stored message may have one (a part with
     * {@code Content-Transfer-Encoding: binary}, appended as a literal8 or delivered as it came), and it is sent as
     * 0x80, as Dovecot does. Replacing one octet by one keeps every size and offset the client was told
     * (RFC822.SIZE, BODYSTRUCTURE, partial fetches) and costs no second pass; the octets as stored are what
     * BINARY[] sends, as a literal8. Dovecot also rewrites binary parts as base64 when they are appended; that
     * would change the octets the client gave and still not cover mail delivered by SMTP or written over SSH.
     */
    public ImapWriter literal(InputStream in, long length, boolean literal8) throws IOException {
        spaceIfPending();
        if (literal8) {
            write('~');
        }
        literalHeader(length);
        byte[] buf = new byte[(int) Math.min(64 * 1024, Math.max(length, 1))];
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                Arrays.fill(buf, (byte) ' ');
                n = (int) Math.min(buf.length, left);
            }
            if (!literal8) {
                replaceNul(buf, n);
            }
            write(buf, 0, n);
            left -= n;
        }
        pendingSpace = true;
        return this;
    }

    private static byte[] withoutNul(byte[] b) {
        for (byte c : b) {
            if (c == 0) {
                byte[] copy = b.clone();
                replaceNul(copy, copy.length);
                return copy;
            }
        }
        return b;
    }

    private static void replaceNul(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                b[i] = (byte) 0x80;
            }
        }
    }

    /**
     * Free text (resp-text): control characters and 8-bit characters are replaced (core's {@link SafeText#asciiLine})
     * so no line is ever injected.
     */
    public ImapWriter text(String s) {
        spaceIfPending();
        write(SafeText.asciiLine(s, Integer.MAX_VALUE).getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** A parenthesised list of atoms, e.g. flags. */
    public ImapWriter atomList(List<String> atoms) {
        open();
        for (String a : atoms) {
            atom(a);
        }
        return close();
    }

    /** Ends the response line. */
    public ImapWriter crlf() {
        write('\r');
        write('\n');
        pendingSpace = false;
        return this;
    }

    /** Writes the tagged response {@code tag status [code] text} and sends it. */
    public void tagged(String tag, Completion c) {
        raw(tag).raw(" ").raw(c.status()).raw(" ");
        if (c.code() != null) {
            raw("[").raw(c.code()).raw("] ");
        }
        text(c.text()).crlf().flush();
    }

    /** Sends what is buffered; {@link ConnectionLostException} when the connection is gone, as every write. */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new ConnectionLostException(e);
        }
    }

    private void literalHeader(long length) {
        write(("{" + length + "}\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void spaceIfPending() {
        if (pendingSpace) {
            write(' ');
            pendingSpace = false;
        }
    }

    private static boolean quotable(byte[] b) {
        if (b.length > MAX_QUOTED) {
            return false;
        }
        for (byte c : b) {
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private void write(int b) {
        try {
            out.write(b);
        } catch (IOException e) {
            throw new ConnectionLostException(e);
        }
    }

    private void write(byte[] b) {
        write(b, 0, b.length);
    }

    private void write(byte[] b, int off, int len) {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new ConnectionLostException(e);
        }
    }
}
