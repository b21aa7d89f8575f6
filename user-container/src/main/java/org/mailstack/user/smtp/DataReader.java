package org.mailstack.user.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies the body of a DATA command (already dot-unstuffed) while checking what SubEthaSMTP does not:
 * the size limit, bare CR or LF, and line length. It always reads the stream to its end, so a refused message
 * leaves the session in step and usable; once a problem is found, nothing more is written.
 */
final class DataReader {
    /** RFC 5321 section 4.5.3.1.6: 1000 octets including CRLF. */
    static final int MAX_LINE = 998;

    private DataReader() {}

    static DataVerdict copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[16384];
        DataVerdict verdict = DataVerdict.OK;
        long total = 0;
        int lineLength = 0;
        int previous = '\n';
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (verdict != DataVerdict.OK) {
                continue;
            }
            total += n;
            if (total > maxBytes) {
                verdict = DataVerdict.TOO_BIG;
                continue;
            }
            for (int i = 0; i < n && verdict == DataVerdict.OK; i++) {
                int b = buffer[i];
                if (previous == '\r' && b != '\n' || b == '\n' && previous != '\r') {
                    verdict = DataVerdict.BARE_NEWLINE;
                } else if (b == '\n') {
                    lineLength = 0;
                } else if (b != '\r' && ++lineLength > MAX_LINE) {
                    verdict = DataVerdict.LINE_TOO_LONG;
                }
                previous = b;
            }
            if (verdict == DataVerdict.OK) {
                out.write(buffer, 0, n);
            }
        }
        if (verdict == DataVerdict.OK && previous == '\r') {
            verdict = DataVerdict.BARE_NEWLINE;
        }
        return verdict;
    }
}
