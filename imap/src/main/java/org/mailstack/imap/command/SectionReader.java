package org.mailstack.imap.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mailstack.imap.parse.FetchItem;
import org.mailstack.imap.mime.MimePart;

/**
 * Locates the octets of a body section (RFC 3501 section 6.4.5) in the stored file, using the offsets of the
 * cached structure: either a byte range to stream, or (for HEADER.FIELDS) the filtered header in memory.
 */
final class SectionReader {
    /** A section: a range of the file, or bytes already extracted; null range means NIL (no such part). */
    record Content(long start, long end, byte[] bytes) {
        long length() {
            return bytes != null ? bytes.length : end - start;
        }
    }

    private SectionReader() {
    }

    /** Returns the section's content, or null when the part does not exist. */
    static Content locate(MimePart root, long size, FetchItem.Section section, Opener opener) throws IOException {
        if (section.part().isEmpty() && section.text() == FetchItem.SectionText.ALL) {
            return new Content(0, size, null);
        }
        MimePart part = root.find(section.part());
        if (part == null) {
            return null;
        }
        boolean top = section.part().isEmpty();
        if (!top && !part.isMessage() && section.text() != FetchItem.SectionText.ALL
                && section.text() != FetchItem.SectionText.MIME) {
            // HEADER, TEXT and HEADER.FIELDS after a part number apply only to a message/rfc822 part
            return new Content(0, 0, new byte[0]);
        }
        MimePart message = top ? root : part.isMessage() ? part.message() : part;
        return switch (section.text()) {
            case ALL -> top ? new Content(0, size, null) : new Content(part.bodyStart(), part.end(), null);
            case MIME -> new Content(part.headerStart(), part.bodyStart(), null);
            case HEADER -> new Content(message.headerStart(), message.bodyStart(), null);
            case TEXT -> new Content(message.bodyStart(), top ? size : message.end(), null);
            case HEADER_FIELDS, HEADER_FIELDS_NOT -> new Content(0, 0, filter(
                    read(opener, message.headerStart(), message.bodyStart()), section.fields(),
                    section.text() == FetchItem.SectionText.HEADER_FIELDS));
        };
    }

    /** Opens the message file. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    static byte[] read(Opener opener, long start, long end) throws IOException {
        try (InputStream in = opener.open()) {
            in.skipNBytes(start);
            return in.readNBytes((int) Math.max(0, end - start));
        }
    }

    /** Keeps (or drops) the named fields, with their continuation lines, and ends with the blank line. */
    static byte[] filter(byte[] header, List<String> names, boolean keep) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = new String(header, StandardCharsets.ISO_8859_1);
        boolean current = false;
        int i = 0;
        while (i < text.length()) {
            int nl = text.indexOf('\n', i);
            int next = nl < 0 ? text.length() : nl + 1;
            String line = text.substring(i, next);
            if (line.equals("\r\n") || line.equals("\n")) {
                break;
            }
            if (line.charAt(0) != ' ' && line.charAt(0) != '\t') {
                int colon = line.indexOf(':');
                String name = colon < 0 ? "" : line.substring(0, colon).trim();
                boolean listed = names.stream().anyMatch(name::equalsIgnoreCase);
                current = colon > 0 && listed == keep;
            }
            if (current) {
                out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
                if (!line.endsWith("\n")) {
                    out.writeBytes(new byte[] {'\r', '\n'});
                }
            }
            i = next;
        }
        out.writeBytes(new byte[] {'\r', '\n'});
        return out.toByteArray();
    }
}
