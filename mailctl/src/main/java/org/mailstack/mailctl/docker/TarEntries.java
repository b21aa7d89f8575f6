package org.mailstack.mailctl.docker;

import java.io.InputStream;
import java.util.Optional;
import org.mailstack.mailctl.tar.TarReader;

/** The one small file the archive API answers for a path: the first regular file of its tar stream. */
final class TarEntries {
    static final int MAX_FILE = 1 << 20;

    private TarEntries() {}

    static Optional<byte[]> firstFile(InputStream in) {
        return TarReader.firstFile(in, MAX_FILE);
    }
}
