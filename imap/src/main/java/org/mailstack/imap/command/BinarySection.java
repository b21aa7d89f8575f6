package org.mailstack.imap.command;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.mailstack.imap.mime.MimePart;
import org.mailstack.imap.parse.FetchItem;
import org.mailstack.imap.response.ImapWriter;

/**
 * {@code BINARY[section]} and {@code BINARY.SIZE[section]} (RFC 3516 section 4.2): the section with the base64 and
 * quoted-printable Content-Transfer-Encodings of its parts undone, each decoded part's header then saying
 * {@code Content-Transfer-Encoding: binary}; sent as a literal8 when anything was decoded. HEADER, MIME and
 * HEADER.FIELDS sections are sent as BODY[] sends them. Content with a NUL is sent as a literal8 too. The content
 * is a list of segments of the file, streamed: once to count (or look for a NUL), once to send.
 */
final class BinarySection {
    /** A part whose Content-Transfer-Encoding this server cannot undo (RFC 3516 section 4.3, UNKNOWN-CTE). */
    static final class UnknownCteException extends Exception {
        UnknownCteException() {
            super("unknown Content-Transfer-Encoding", null, false, false);
        }
    }

    private enum Decoding { NONE, BASE64, QUOTED_PRINTABLE }

    /** Octets {@code [start, end)} of the file decoded as said, or {@code bytes} when not null. */
    private record Segment(long start, long end, byte[] bytes, Decoding decoding) {
    }

    private final List<Segment> segments;
    private final SectionReader.Opener opener;

    private BinarySection(List<Segment> segments, SectionReader.Opener opener) {
        this.segments = segments;
        this.opener = opener;
    }

    /** Locates the section; throws when a part it would decode has an unknown encoding. */
    static BinarySection of(MimePart root, long size, FetchItem.Section s, SectionReader.Opener opener)
            throws IOException, UnknownCteException {
        List<Segment> out = new ArrayList<>();
        boolean top = s.part().isEmpty();
        MimePart part = top ? root : root.find(s.part());
        if (part == null) {
            return new BinarySection(out, opener);
        }
        BinarySection b = new BinarySection(out, opener);
        if (top && s.text() == FetchItem.SectionText.ALL) {
            b.whole(root, size);
        } else if (s.text() == FetchItem.SectionText.ALL) {
            b.body(part, part.end());
        } else if (s.text() == FetchItem.SectionText.TEXT && (top || part.isMessage())) {
            MimePart message = top ? root : part.message();
            b.body(message, top ? size : message.end());
        } else {
            SectionReader.Content c = SectionReader.locate(root, size, s, opener);
            if (c != null) {
                out.add(new Segment(c.start(), c.end(), c.bytes(), Decoding.NONE));
            }
        }
        return b;
    }

    /** A part with its header: a decoded part's header rewritten, the rest as written. */
    private void whole(MimePart part, long end) throws IOException, UnknownCteException {
        if (decoding(part) != Decoding.NONE) {
            byte[] header = SectionReader.read(opener, part.headerStart(), part.bodyStart());
            segments.add(new Segment(0, 0, binaryHeader(header), Decoding.NONE));
        } else {
            segments.add(new Segment(part.headerStart(), part.bodyStart(), null, Decoding.NONE));
        }
        body(part, end);
    }

    /** A part's body up to {@code end}: children and enclosed messages in turn, the octets between them as written. */
    private void body(MimePart part, long end) throws IOException, UnknownCteException {
        if (part.isMessage()) {
            whole(part.message(), part.message().end());
            segments.add(new Segment(part.message().end(), end, null, Decoding.NONE));
        } else if (part.isMultipart()) {
            long at = part.bodyStart();
            for (MimePart child : part.children()) {
                segments.add(new Segment(at, child.headerStart(), null, Decoding.NONE));
                whole(child, child.end());
                at = child.end();
            }
            segments.add(new Segment(at, end, null, Decoding.NONE));
        } else {
            segments.add(new Segment(part.bodyStart(), end, null, decoding(part)));
        }
    }

    private static Decoding decoding(MimePart part) throws UnknownCteException {
        if (part.isMultipart() || part.isMessage()) {
            return Decoding.NONE;
        }
        return switch (part.encoding().trim().toLowerCase(Locale.ROOT)) {
            case "base64" -> Decoding.BASE64;
            case "quoted-printable" -> Decoding.QUOTED_PRINTABLE;
            case "7bit", "8bit", "binary", "" -> Decoding.NONE;
            default -> throw new UnknownCteException();
        };
    }

    /** The header with every Content-Transfer-Encoding field (and its continuation lines) saying {@code binary}. */
    static byte[] binaryHeader(byte[] header) {
        String text = new String(header, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        boolean skipping = false;
        for (String line : text.split("(?<=\n)")) {
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (continuation && skipping) {
                continue;
            }
            skipping = line.regionMatches(true, 0, "Content-Transfer-Encoding:", 0, 26);
            out.append(skipping ? "Content-Transfer-Encoding: binary\r\n" : line);
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private boolean decodes() {
        return segments.stream().anyMatch(x -> x.decoding() != Decoding.NONE);
    }

    /** The decoded size (BINARY.SIZE). */
    long size() throws IOException {
        if (!decodes()) {
            long n = 0;
            for (Segment x : segments) {
                n += x.bytes() != null ? x.bytes().length : Math.max(0, x.end() - x.start());
            }
            return n;
        }
        try (InputStream file = opener.open()) {
            return new SegmentsStream(file).transferTo(OutputStream.nullOutputStream());
        }
    }

    /**
     * Whether {@code count} octets from {@code from} go as a literal8: when anything was decoded, and when they
     * hold a NUL, which a plain literal cannot carry (RFC 3516 section 4.3). Undecoded content is scanned for it
     * (one more read of the range, for BINARY only).
     */
    boolean needsLiteral8(long from, long count) throws IOException {
        if (decodes()) {
            return true;
        }
        try (InputStream file = opener.open()) {
            InputStream content = new SegmentsStream(file);
            content.skipNBytes(from);
            byte[] buf = new byte[8192];
            long left = count;
            while (left > 0) {
                int n = content.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    return false;
                }
                for (int i = 0; i < n; i++) {
                    if (buf[i] == 0) {
                        return true;
                    }
                }
                left -= n;
            }
        }
        return false;
    }

    /** Writes {@code count} octets of the content from {@code from} (a partial, or the whole {@link #size}). */
    void write(ImapWriter w, long from, long count, boolean literal8) throws IOException {
        try (InputStream file = opener.open()) {
            InputStream content = new SegmentsStream(file);
            content.skipNBytes(from);
            w.literal(content, count, literal8);
        }
    }

    /** The segments one after the other, read from one pass over the file. */
    private final class SegmentsStream extends BlockStream {
        private final InputStream file;
        private long position;
        private int next;
        private InputStream current = InputStream.nullInputStream();

        SegmentsStream(InputStream file) {
            this.file = file;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                int n = current.read(b, off, len);
                if (n >= 0 || next >= segments.size()) {
                    return n;
                }
                current = open(segments.get(next++));
            }
        }

        private InputStream open(Segment x) throws IOException {
            if (x.bytes() != null) {
                return new ByteArrayInputStream(x.bytes());
            }
            if (x.start() > position) {
                file.skipNBytes(x.start() - position);
                position = x.start();
            }
            InputStream range = new Range(Math.max(0, x.end() - Math.max(x.start(), position)));
            return switch (x.decoding()) {
                case BASE64 -> new Base64InputStream(range, false);
                case QUOTED_PRINTABLE -> new QuotedPrintableInputStream(range, false);
                case NONE -> range;
            };
        }

        /** The next {@code left} octets of the file (closing it leaves the file open). */
        private final class Range extends BlockStream {
            private long left;

            Range(long left) {
                this.left = left;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = file.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                    position += n;
                }
                return n;
            }

        }
    }

    /** A stream whose single-octet read goes through its block read. */
    private abstract static class BlockStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }
}
