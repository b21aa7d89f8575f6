package org.mailstack.main.filter;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

import org.mailstack.core.mail.HeaderFields;
import org.mailstack.main.queue.Spool;

/**
 * The header edits of one message, applied while the spooled bytes are copied: new fields first (on top of the
 * trace fields, as RFC 5321 section 4.4 and RFC 8601 section 5 place what a receiving host adds), then the header
 * without the fields {@code drop} names, the first {@code Subject} replaced when asked (added before the end of the
 * header when there was none), then the body byte for byte.
 * <p>
 * Fields are read one at a time, with their continuation lines, up to 64 KiB: enough to see the name and the start
 * of the value, which is all {@code drop} looks at. A longer field is decided on that prefix and the rest of it is
 * copied or skipped without being held. Line ends are kept as they came. The header ends at the first empty line or
 * at the end of the message; a line that is no header field is kept and the header goes on after it, as
 * {@code core}'s {@code HeaderFields} (and so Sieve and IMAP) read it: a field hidden behind such a line is dropped
 * here too.
 */
final class HeaderRewrite implements Spool.Rewrite {
    private static final int FIELD_PREFIX = 64 * 1024;
    private final List<String> prepend;
    private final BiPredicate<String, String> drop;
    private final Optional<String> subject;

    /**
     * @param prepend complete fields, each ending in CRLF, to put on top
     * @param drop    given a field's name and its value (unfolded, at most the prefix), whether to remove it
     * @param subject a complete {@code Subject} field (ending in CRLF) to put in place of the first one
     */
    HeaderRewrite(List<String> prepend, BiPredicate<String, String> drop, Optional<String> subject) {
        this.prepend = List.copyOf(prepend);
        this.drop = drop;
        this.subject = subject;
    }

    @Override
    public void apply(InputStream current, OutputStream next) throws IOException {
        PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(current, 64 * 1024), 1);
        for (String f : prepend) {
            next.write(f.getBytes(StandardCharsets.UTF_8));
        }
        boolean subjectWritten = subject.isEmpty();
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        while (true) {
            field.reset();
            boolean whole = readField(in, field);
            byte[] bytes = field.toByteArray();
            if (bytes.length == 0 || isLineEnd(bytes)) {
                if (!subjectWritten) {
                    next.write(subject.get().getBytes(StandardCharsets.UTF_8));
                }
                next.write(bytes);
                break;
            }
            int colon = indexOf(bytes, (byte) ':');
            String name = colon < 0 ? null
                    : HeaderFields.nameOf(new String(bytes, 0, colon + 1, StandardCharsets.ISO_8859_1));
            if (name == null) { // no field: kept, and the header goes on, as core's HeaderFields reads it
                next.write(bytes);
                if (!whole) {
                    restOfField(in, next);
                }
                continue;
            }
            boolean replace = !subjectWritten && name.equalsIgnoreCase("Subject");
            boolean keep = !replace && !drop.test(name, Text.printable(
                    new String(bytes, colon + 1, bytes.length - colon - 1, StandardCharsets.UTF_8), FIELD_PREFIX));
            if (replace) {
                next.write(subject.get().getBytes(StandardCharsets.UTF_8));
                subjectWritten = true;
            } else if (keep) {
                next.write(bytes);
            }
            if (!whole) {
                restOfField(in, keep ? next : OutputStream.nullOutputStream());
            }
        }
        in.transferTo(next);
    }

    /**
     * Reads one field (a line and the lines that continue it) into {@code into}, or one line that is no field;
     * returns false when the field is longer than the prefix and its rest is still to be read.
     */
    private static boolean readField(PushbackInputStream in, ByteArrayOutputStream into) throws IOException {
        int c;
        while ((c = in.read()) != -1) {
            if (into.size() >= FIELD_PREFIX) {
                in.unread(c);
                return false;
            }
            into.write(c);
            if (c == '\n') {
                if (into.size() <= 2 && isLineEnd(into.toByteArray())) {
                    return true;
                }
                int n = in.read();
                if (n == -1) {
                    return true;
                }
                in.unread(n);
                if (n != ' ' && n != '\t') {
                    return true;
                }
            }
        }
        return true;
    }

    private static void restOfField(PushbackInputStream in, OutputStream out) throws IOException {
        int c;
        while ((c = in.read()) != -1) {
            out.write(c);
            if (c == '\n') {
                int n = in.read();
                if (n == -1) {
                    return;
                }
                in.unread(n);
                if (n != ' ' && n != '\t') {
                    return;
                }
            }
        }
    }

    /** An empty line: LF or CRLF alone. */
    private static boolean isLineEnd(byte[] b) {
        return b.length == 1 && b[0] == '\n' || b.length == 2 && b[0] == '\r' && b[1] == '\n';
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
