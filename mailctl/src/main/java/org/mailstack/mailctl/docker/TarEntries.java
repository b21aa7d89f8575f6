package org.mailstack.mailctl.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads the first regular file of a ustar/pax archive (POSIX.1-2001 pax format), enough for one small file. */
final class TarEntries {
    static final int BLOCK = 512;
    static final int MAX_FILE = 1 << 20;

    private TarEntries() {}

    static Optional<byte[]> firstFile(InputStream in) throws IOException {
        while (true) {
            byte[] header = in.readNBytes(BLOCK);
            if (header.length < BLOCK || header[0] == 0) {
                return Optional.empty();
            }
            long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII)
                    .replace("\0", "").strip(), 8);
            char type = (char) header[156];
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            if ((type == '0' || type == '\0') && size <= MAX_FILE) {
                byte[] data = in.readNBytes((int) size);
                return data.length == size ? Optional.of(data) : Optional.empty();
            }
            in.skipNBytes(padded);
        }
    }
}
