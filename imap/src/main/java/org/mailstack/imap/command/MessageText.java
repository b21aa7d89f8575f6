package org.mailstack.imap.command;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.mailstack.core.mail.HeaderFields.Field;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.imap.mime.Header;
import org.mailstack.imap.mime.MimePart;

/**
 * The searchable text of one message, loaded lazily: the header with encoded-words decoded (RFC 2047), the
 * text of every leaf part with its transfer encoding and charset decoded (RFC 2045), and the headers of parts and
 * enclosed messages, all lower-cased.
 */
final class MessageText {
    /**
     * The octets of each part that are searched, from its start. The part's octets, their decoded text (UTF-16 when
     * not Latin-1, as binary attachments decode) and its lower-cased copy are in the heap at once, a few times this:
     * the account's heap is capped (user-container's image, ADR 25), and a search must not exhaust it.
     */
    private static final int MAX_PART = 4 * 1024 * 1024;
    static final int MAX_HEADER = 256 * 1024;

    private final MailboxView view;
    private final long uid;
    private final StructureSource source;
    private final HeaderSource topHeader;
    private MimePart structure;
    private Header header;
    private String body;
    private String partHeaders;

    /** Gives the message's structure when the body is searched (header keys do without it). */
    @FunctionalInterface
    interface StructureSource {
        MimePart get() throws IOException;
    }

    /** Gives the parsed top-level header (from a cache, or {@link #readTopHeader}). */
    @FunctionalInterface
    interface HeaderSource {
        Header get() throws IOException;
    }

    MessageText(MailboxView view, long uid, StructureSource source, HeaderSource topHeader) {
        this.view = view;
        this.uid = uid;
        this.source = source;
        this.topHeader = topHeader;
    }

    private MessageText(MailboxView view, long uid, MimePart enclosed) {
        this(view, uid, () -> enclosed, null);
        this.structure = enclosed;
    }

    private MimePart structure() throws IOException {
        if (structure == null) {
            structure = source.get();
        }
        return structure;
    }

    Header header() throws IOException {
        if (header == null) {
            if (structure != null) {
                header = Header.parse(SectionReader.read(() -> view.openBody(uid), structure.headerStart(),
                        structure.bodyStart()));
            } else {
                header = topHeader.get();
            }
        }
        return header;
    }

    /** A decoded, lower-cased header value, or null when the field is absent. */
    String headerValue(String field) throws IOException {
        StringBuilder sb = null;
        for (String v : header().all(field)) {
            sb = sb == null ? new StringBuilder() : sb.append(' ');
            sb.append(DecoderUtil.decodeEncodedWords(v, DecodeMonitor.SILENT));
        }
        return sb == null ? null : sb.toString().toLowerCase(Locale.ROOT);
    }

    String allHeaders() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Field f : header().fields()) {
            sb.append(f.name()).append(": ")
                    .append(DecoderUtil.decodeEncodedWords(f.value(), DecodeMonitor.SILENT))
                    .append('\n');
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /** The message's own header, read up to the blank line without scanning the rest of the file. */
    static byte[] readTopHeader(MailboxView view, long uid) throws IOException {
        try (InputStream in = view.openBody(uid)) {
            return readTopHeader(in);
        }
    }

    /**
     * The header at the start of {@code in}, with the blank line that ends it (the same octets as the structure's
     * {@code [0, bodyStart)}); at most {@link #MAX_HEADER} octets and a block more: a longer one is cut.
     */
    static byte[] readTopHeader(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        byte[] buf = new byte[4096];
        int prev = -1;
        int lineLength = 0;
        int n;
        while (out.size() < MAX_HEADER && (n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                int c = buf[i];
                if (c == '\n') {
                    if (lineLength == 0 || (lineLength == 1 && prev == '\r')) {
                        out.write(buf, 0, i + 1);
                        return out.toByteArray();
                    }
                    lineLength = 0;
                } else {
                    lineLength++;
                }
                prev = c;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * The headers inside the message, lower-cased and decoded: each part's MIME header and the header of each
     * enclosed message. TEXT searches them with the top header and the body; BODY does not.
     */
    String partHeaders() throws IOException {
        if (partHeaders == null) {
            StringBuilder sb = new StringBuilder();
            appendPartHeaders(structure(), true, sb);
            partHeaders = sb.toString();
        }
        return partHeaders;
    }

    private void appendPartHeaders(MimePart part, boolean root, StringBuilder sb) throws IOException {
        if (!root) {
            sb.append(new MessageText(view, uid, part).allHeaders()).append('\n');
        }
        if (part.isMessage()) {
            appendPartHeaders(part.message(), false, sb);
        }
        for (MimePart child : part.children()) {
            appendPartHeaders(child, false, sb);
        }
    }

    String body() throws IOException {
        if (body == null) {
            // Sized for every part's text at once: a builder that doubles as it grows would hold, for a part of
            // MAX_PART octets, twice that beside the part's octets and their decoded text (the account's heap is
            // capped; a large message must be searchable in it).
            StringBuilder sb = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, textLength(structure())));
            appendText(structure(), sb);
            body = sb.toString().toLowerCase(Locale.ROOT);
        }
        return body;
    }

    /** At most the characters {@link #appendText} appends: each leaf part's octets (up to MAX_PART) and a newline. */
    private static long textLength(MimePart part) {
        if (part.isMultipart()) {
            long n = 0;
            for (MimePart child : part.children()) {
                n += textLength(child);
            }
            return n;
        }
        if (part.isMessage()) {
            return textLength(part.message());
        }
        return Math.max(0, Math.min(part.end() - part.bodyStart(), MAX_PART)) + 1;
    }

    private void appendText(MimePart part, StringBuilder sb) throws IOException {
        if (part.isMultipart()) {
            for (MimePart child : part.children()) {
                appendText(child, sb);
            }
            return;
        }
        if (part.isMessage()) {
            appendText(part.message(), sb);
            return;
        }
        long end = Math.min(part.end(), part.bodyStart() + MAX_PART);
        byte[] raw = SectionReader.read(() -> view.openBody(uid), part.bodyStart(), end);
        sb.append(decode(raw, part)).append('\n');
    }

    private static String decode(byte[] raw, MimePart part) throws IOException {
        String encoding = part.encoding().toLowerCase(Locale.ROOT);
        byte[] bytes = raw;
        if (encoding.equals("base64")) {
            try {
                bytes = Base64.getMimeDecoder().decode(raw);
            } catch (IllegalArgumentException e) {
                bytes = raw;
            }
        } else if (encoding.equals("quoted-printable")) {
            try (InputStream in = new QuotedPrintableInputStream(new ByteArrayInputStream(raw), false)) {
                bytes = in.readAllBytes();
            }
        }
        return new String(bytes, charset(part));
    }

    private static Charset charset(MimePart part) {
        for (MimePart.Param p : part.params()) {
            if (p.name().equalsIgnoreCase("charset")) {
                try {
                    return Charset.forName(p.value().trim());
                } catch (RuntimeException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
