package org.mailstack.mailctl.tar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a tar archive entry by entry (POSIX.1-2001: ustar headers, pax extended headers for long names and large
 * sizes; GNU long names and base-256 sizes, which Go's archive/tar in Docker may write). Every header's checksum is
 * checked and every byte accounted for, so a stream that is not a tar archive, or one cut short anywhere before its
 * end-of-archive marker, fails with a {@link TarFormatException} rather than ending quietly.
 */
public final class TarReader {
    public static final int BLOCK = 512;
    /** Pax headers and GNU long names are read into memory: bounded. */
    static final int MAX_META = 1 << 20;

    private final InputStream in;
    private long position;
    private long remaining;
    private long padding;

    public TarReader(InputStream in) {
        this.in = in;
    }

    /** The number of bytes read so far: after {@link #next()}, the offset of the entry's data in the archive. */
    public long position() {
        return position;
    }

    /**
     * The next entry, its content left to {@link #content()}; null at the end-of-archive marker (a zero block).
     *
     * @throws TarFormatException when a header is damaged or the archive ends early
     */
    public TarEntry next() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
        Map<String, String> pax = new HashMap<>();
        String longName = null;
        String longLink = null;
        while (true) {
            long at = position;
            byte[] h = block();
            if (isZero(h)) {
                return null;
            }
            if (checksum(h) != number(h, 148, 8)) {
                throw new TarFormatException("no valid tar header at byte " + at);
            }
            char type = (char) h[156];
            long size = pax.containsKey("size") ? parseSize(pax.get("size")) : number(h, 124, 12);
            if (size < 0) {
                throw new TarFormatException("a damaged tar header at byte " + at);
            }
            if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
                byte[] meta = meta(size);
                switch (type) {
                    case 'x' -> pax.putAll(paxRecords(meta));
                    case 'L' -> longName = cString(meta, 0, meta.length);
                    case 'K' -> longLink = cString(meta, 0, meta.length);
                    default -> { } // global pax headers carry nothing mailctl uses
                }
                continue;
            }
            String name = pax.getOrDefault("path", longName != null ? longName : headerName(h));
            String link = pax.getOrDefault("linkpath", longLink != null ? longLink : cString(h, 157, 100));
            boolean hasData = type != '1' && type != '2' && type != '3' && type != '4' && type != '5' && type != '6';
            remaining = hasData ? size : 0;
            padding = hasData ? padding(size) : 0;
            return new TarEntry(name, type, hasData ? size : 0, link, (int) number(h, 100, 8) & 07777);
        }
    }

    /**
     * After {@link #next()} answered null: checks that the marker's second zero block follows, as POSIX requires; an
     * archive cut right after its first zero block fails here.
     */
    public void requireEnd() throws IOException {
        if (!isZero(block())) {
            throw new TarFormatException("data after the end-of-archive marker at byte " + (position - BLOCK));
        }
    }

    /** The current entry's data; reading past it answers end of stream, an archive cut short fails. */
    public InputStream content() {
        return new BoundedInput(remaining) {
            @Override
            protected int readSome(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    remaining -= n;
                    position += n;
                }
                return n;
            }

            @Override
            protected TarFormatException cutShort() {
                return truncated();
            }
        };
    }

    /** Bytes of padding after {@code size} bytes of data, up to the next block. */
    public static int padding(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }

    /** The first regular file of an archive of at most {@code maxSize} bytes, or empty (none, too big, damaged). */
    public static Optional<byte[]> firstFile(InputStream in, int maxSize) {
        TarReader tar = new TarReader(in);
        try {
            for (TarEntry e = tar.next(); e != null; e = tar.next()) {
                if (e.isFile()) {
                    return e.size() > maxSize ? Optional.empty() : Optional.of(tar.content().readAllBytes());
                }
            }
        } catch (IOException e) {
            // damaged or cut short: no file
        }
        return Optional.empty();
    }

    private byte[] block() throws IOException {
        byte[] b = in.readNBytes(BLOCK);
        position += b.length;
        if (b.length < BLOCK) {
            throw b.length == 0 && position == 0 ? new TarFormatException("empty: not a tar archive") : truncated();
        }
        return b;
    }

    private byte[] meta(long size) throws IOException {
        if (size > MAX_META) {
            throw new TarFormatException("an extended header of " + size + " bytes at byte " + position);
        }
        byte[] data = in.readNBytes((int) size);
        position += data.length;
        if (data.length < size) {
            throw truncated();
        }
        skip(padding(size));
        return data;
    }

    /** Reads past {@code n} bytes: read, not skipped, so that a digest over the stream sees every byte. */
    private void skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 1 << 16)];
        long left = n;
        while (left > 0) {
            int read = in.read(scratch, 0, (int) Math.min(left, scratch.length));
            if (read < 0) {
                throw truncated();
            }
            left -= read;
            position += read;
        }
    }

    private TarFormatException truncated() {
        return new TarFormatException("cut short at byte " + position + ", before the end of the archive", true);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** The header's checksum: its bytes summed unsigned, the checksum field counted as spaces. */
    static long checksum(byte[] h) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
        }
        return sum;
    }

    /** An octal field, or a base-256 one (GNU: high bit of the first byte set); -1 when unreadable. */
    static long number(byte[] h, int off, int len) {
        if ((h[off] & 0x80) != 0) {
            long v = h[off] & 0x7f;
            for (int i = off + 1; i < off + len; i++) {
                if (v > (Long.MAX_VALUE >> 8)) {
                    return -1;
                }
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        String s = new String(h, off, len, StandardCharsets.US_ASCII).replace('\0', ' ').strip();
        if (s.isEmpty() || !s.matches("[0-7]{1,22}")) {
            return -1;
        }
        return Long.parseLong(s, 8);
    }

    private static long parseSize(String s) throws TarFormatException {
        if (!s.matches("\\d{1,18}")) {
            throw new TarFormatException("a pax size that is not a number");
        }
        return Long.parseLong(s);
    }

    private static String headerName(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = new String(h, 257, 6, StandardCharsets.US_ASCII).equals("ustar\0");
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    /** Pax records, {@code "<length> <key>=<value>\n"} each, the length counting the whole record. */
    static Map<String, String> paxRecords(byte[] data) throws TarFormatException {
        Map<String, String> records = new HashMap<>();
        int i = 0;
        while (i < data.length) {
            int space = i;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            String digits = new String(data, i, space - i, StandardCharsets.US_ASCII);
            if (!digits.matches("\\d{1,7}")) {
                throw new TarFormatException("a damaged pax header");
            }
            int length = Integer.parseInt(digits);
            int end = i + length;
            if (end > data.length || length <= space - i + 1 || data[end - 1] != '\n') {
                throw new TarFormatException("a damaged pax header");
            }
            String record = new String(data, space + 1, end - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq <= 0) {
                throw new TarFormatException("a damaged pax header");
            }
            records.put(record.substring(0, eq), record.substring(eq + 1));
            i = end;
        }
        return records;
    }
}
