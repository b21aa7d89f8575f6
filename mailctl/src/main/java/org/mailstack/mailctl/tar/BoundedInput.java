package org.mailstack.mailctl.tar;

import java.io.IOException;
import java.io.InputStream;

/**
 * Exactly {@code size} bytes of a source: reading past them answers end of stream, a source that ends before them
 * fails with a {@link TarFormatException} (an archive, or a part of one, cut short).
 */
public abstract class BoundedInput extends InputStream {
    private long left;

    protected BoundedInput(long size) {
        this.left = size;
    }

    /** Reads up to {@code len} bytes from the source; -1 when it has ended. */
    protected abstract int readSome(byte[] b, int off, int len) throws IOException;

    /** The failure when the source ended early. */
    protected abstract TarFormatException cutShort();

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left == 0) {
            return -1;
        }
        int n = readSome(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw cutShort();
        }
        left -= n;
        return n;
    }
}
