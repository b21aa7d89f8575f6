package org.mailstack.mailctl.tar;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Header blocks of a ustar archive (POSIX.1-2001) for the archives mailctl writes itself: short names, owner root,
 * sizes up to 8 GiB in octal and beyond in base-256 (the GNU extension that GNU tar and Go's archive/tar read).
 */
public final class TarWriter {
    /** Two zero blocks end an archive. */
    public static final int END_BYTES = 2 * TarReader.BLOCK;
    private static final long MAX_OCTAL_SIZE = 077777777777L;

    private TarWriter() {}

    /** The header of a regular file, mode 0600. */
    public static byte[] fileHeader(String name, long size, long mtimeSeconds) {
        return header(name, '0', size, "", 0600, mtimeSeconds);
    }

    /** Any header: {@code type} a typeflag ({@link TarEntry}), {@code linkName} a link's target or empty. */
    public static byte[] header(String name, char type, long size, String linkName, int mode, long mtimeSeconds) {
        byte[] h = new byte[TarReader.BLOCK];
        put(h, 0, 100, name, "name");
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        if (size > MAX_OCTAL_SIZE) {
            h[124] = (byte) 0x80;
            for (int i = 0; i < 8; i++) {
                h[135 - i] = (byte) (size >>> (8 * i));
            }
        } else {
            octal(h, 124, 12, size);
        }
        octal(h, 136, 12, mtimeSeconds);
        h[156] = (byte) type;
        put(h, 157, 100, linkName, "link name");
        put(h, 257, 6, "ustar\0", "magic");
        put(h, 263, 2, "00", "version");
        Arrays.fill(h, 148, 156, (byte) ' ');
        String sum = String.format("%06o", TarReader.checksum(h));
        put(h, 148, 8, sum + "\0 ", "checksum");
        return h;
    }

    /** The end-of-archive marker. */
    public static byte[] end() {
        return new byte[END_BYTES];
    }

    private static void octal(byte[] h, int off, int len, long value) {
        String s = Long.toOctalString(value);
        put(h, off, len, "0".repeat(Math.max(0, len - 1 - s.length())) + s, "number");
    }

    private static void put(byte[] h, int off, int len, String value, String what) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        if (b.length > len) {
            throw new IllegalArgumentException("tar " + what + " longer than " + len + " bytes: " + value);
        }
        System.arraycopy(b, 0, h, off, b.length);
    }
}
