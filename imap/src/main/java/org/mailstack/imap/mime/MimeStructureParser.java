package org.mailstack.imap.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Scans a message once, streaming, and records every part's offsets and MIME fields (RFC 2045, RFC 2046
 * section 5.1). Content-Type and Content-Disposition are read by {@link ContentFields}, which keeps parameter
 * values as written, as BODYSTRUCTURE wants them. The offsets let FETCH BODY[section] seek straight into the file.
 *
 * <p>Robustness rules, as in Dovecot: a missing closing boundary ends the multipart at the enclosing boundary or
 * at the end of the file; a boundary line inside a header ends that header; nesting is limited to {@link #MAX_DEPTH}
 * levels, deeper parts are treated as opaque text.
 */
public final class MimeStructureParser {
    static final int MAX_DEPTH = 50;
    private static final int MAX_HEADER = 256 * 1024;

    private final LineReader in;
    private final Deque<byte[]> boundaries = new ArrayDeque<>();
    /** Whether the part just scanned ended at a boundary whose preceding line break was counted as a body line. */
    private boolean lastBreakBelongsToBoundary;

    private MimeStructureParser(InputStream in) {
        this.in = new LineReader(in);
    }

    /** Parses the message in {@code in} (read to its end, not closed). */
    public static MimePart parse(InputStream in) throws IOException {
        return new MimeStructureParser(in).part(false, 0, true);
    }

    private MimePart part(boolean digest, int depth, boolean messageHeader) throws IOException {
        long headerStart = in.offset();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        long bodyStart = -1;
        while (in.next()) {
            if (atBoundary()) {
                in.pushBack();
                bodyStart = in.lineStart();
                break;
            }
            if (in.blank()) {
                bodyStart = in.lineEnd();
                break;
            }
            if (raw.size() < MAX_HEADER) {
                byte[] c = in.content();
                raw.write(c, 0, c.length);
                raw.write('\n');
            }
        }
        if (bodyStart < 0) {
            bodyStart = in.offset();
        }
        Header header = Header.parse(raw.toByteArray());
        String contentType = header.get("Content-Type");
        String type = digest ? "message" : "text";
        String subtype = digest ? "rfc822" : "plain";
        List<MimePart.Param> params = new ArrayList<>();
        if (contentType != null) {
            ContentFields.Type t = ContentFields.type(contentType);
            type = t.type();
            subtype = t.subtype();
            params.addAll(t.params());
        }
        String boundary = param(params, "boundary");
        boolean multipart = type.equalsIgnoreCase("multipart") && boundary != null && !boundary.isEmpty()
                && depth < MAX_DEPTH;
        boolean message = type.equalsIgnoreCase("message") && subtype.equalsIgnoreCase("rfc822") && depth < MAX_DEPTH;
        if (type.equalsIgnoreCase("text") && param(params, "charset") == null) {
            params.add(new MimePart.Param("charset", "us-ascii"));
        }
        if (!multipart && type.equalsIgnoreCase("multipart")) {
            type = "text";
            subtype = "plain";
            params = List.of(new MimePart.Param("charset", "us-ascii"));
        }
        List<MimePart> children = new ArrayList<>();
        MimePart enclosed = null;
        long lfBefore = in.lfCount();
        long end;
        if (multipart) {
            end = multipart(boundary.getBytes(StandardCharsets.ISO_8859_1), subtype.equalsIgnoreCase("digest"),
                    depth, children);
        } else if (message) {
            enclosed = part(false, depth + 1, true);
            end = Math.max(enclosed.end(), bodyStart);
        } else {
            end = leaf(bodyStart);
        }
        long lines = multipart ? 0 : in.lfCount() - lfBefore - (lastBreakBelongsToBoundary ? 1 : 0);
        String dispositionField = header.get("Content-Disposition");
        ContentFields.Disposition disposition =
                dispositionField == null ? null : ContentFields.disposition(dispositionField);
        List<MimePart.Param> dispositionParams = disposition == null ? null : disposition.params();
        Envelope envelope = messageHeader ? EnvelopeParser.parse(header) : null;
        if (multipart && children.isEmpty()) {
            children.add(emptyText(end));
        }
        return new MimePart(headerStart, bodyStart, end, lines, type, subtype, params, header.get("Content-ID"),
                header.get("Content-Description"), encoding(header), header.get("Content-MD5"),
                disposition == null ? null : disposition.value(), dispositionParams,
                header.get("Content-Language"), header.get("Content-Location"), children, enclosed, envelope);
    }

    private static MimePart emptyText(long at) {
        return new MimePart(at, at, at, 0, "text", "plain", List.of(new MimePart.Param("charset", "us-ascii")),
                null, null, "7bit", null, null, null, null, null, List.of(), null, null);
    }

    /** Reads body lines up to a boundary (left unread) or the end; returns the end offset of the body. */
    private long leaf(long bodyStart) throws IOException {
        return untilBoundary(bodyStart, false);
    }

    /**
     * Reads lines up to a boundary (left unread; any boundary, or only outer ones) or the end of input, and returns
     * where the content ends: the line break before a boundary belongs to the boundary (RFC 2046 section 5.1.1).
     */
    private long untilBoundary(long start, boolean outerOnly) throws IOException {
        long end = start;
        int lastTerminator = 0;
        lastBreakBelongsToBoundary = false;
        while (in.next()) {
            if (outerOnly ? atOuterBoundary() : atBoundary()) {
                in.pushBack();
                lastBreakBelongsToBoundary = lastTerminator > 0 && in.lineStart() - lastTerminator >= start;
                return Math.max(start, in.lineStart() - lastTerminator);
            }
            lastTerminator = in.terminator();
            end = in.lineEnd();
        }
        return end;
    }

    private long multipart(byte[] boundary, boolean digest, int depth, List<MimePart> children) throws IOException {
        boundaries.push(boundary);
        try {
            boolean found = false;
            while (in.next()) { // preamble
                if (in.isBoundary(boundary)) {
                    found = true;
                    break;
                }
                if (atOuterBoundary()) {
                    in.pushBack();
                    return in.lineStart();
                }
            }
            long end = in.offset();
            if (!found) {
                return end;
            }
            boolean closed = in.isCloseBoundary(boundary);
            while (!closed) {
                MimePart child = part(digest, depth + 1, false);
                children.add(child);
                end = child.end();
                if (!in.next()) {
                    return end;
                }
                if (!in.isBoundary(boundary)) {
                    in.pushBack();
                    return end;
                }
                closed = in.isCloseBoundary(boundary);
            }
            // the close delimiter's own line break stays in the part, as Dovecot counts it; the epilogue's last one
            // belongs to the enclosing boundary
            return untilBoundary(in.lineEnd(), true);
        } finally {
            boundaries.pop();
        }
    }

    private boolean atBoundary() {
        for (byte[] b : boundaries) {
            if (in.isBoundary(b)) {
                return true;
            }
        }
        return false;
    }

    private boolean atOuterBoundary() {
        boolean first = true;
        for (byte[] b : boundaries) {
            if (!first && in.isBoundary(b)) {
                return true;
            }
            first = false;
        }
        return false;
    }

    private static String encoding(Header header) {
        String e = header.get("Content-Transfer-Encoding");
        return e == null ? "7bit" : e.trim();
    }

    static String param(List<MimePart.Param> params, String name) {
        for (MimePart.Param p : params) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
