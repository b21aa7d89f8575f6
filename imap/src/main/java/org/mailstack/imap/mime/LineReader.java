package org.mailstack.imap.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a message line by line, keeping each line's offset, for the structure scan. Lines of any length are
 * accepted; only the first {@link #KEEP} bytes of a line are kept, which is enough for boundaries and for header
 * lines (longer header lines are cut). One line of look-ahead can be pushed back.
 */
final class LineReader {
    static final int KEEP = 16 * 1024;

    private final InputStream in;
    private final byte[] line = new byte[KEEP];
    private long offset;
    private long lineStart;
    private int kept;
    private long lineLength;
    private int terminator;
    private boolean pushedBack;
    private boolean eof;
    private long lfCount;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Reads the next line; false at the end of input. */
    boolean next() throws IOException {
        if (pushedBack) {
            pushedBack = false;
            lfCount += terminator > 0 ? 1 : 0;
            return true;
        }
        if (eof) {
            return false;
        }
        lineStart = offset;
        kept = 0;
        lineLength = 0;
        terminator = 0;
        int c;
        while ((c = in.read()) != -1) {
            lineLength++;
            if (kept < KEEP) {
                line[kept++] = (byte) c;
            }
            if (c == '\n') {
                lfCount++;
                terminator = kept >= 2 && line[kept - 2] == '\r' ? 2 : 1;
                break;
            }
        }
        offset += lineLength;
        if (lineLength == 0) {
            eof = true;
            return false;
        }
        return true;
    }

    /** Makes the current line the next one again; its line break is not counted until it is read again. */
    void pushBack() {
        pushedBack = true;
        lfCount -= terminator > 0 ? 1 : 0;
    }

    long lineStart() {
        return lineStart;
    }

    long lineEnd() {
        return lineStart + lineLength;
    }

    /** Bytes of the line terminator (0 at the end of input without one, 1 for LF, 2 for CRLF). */
    int terminator() {
        return terminator;
    }

    /** True for an empty line (just the terminator). */
    boolean blank() {
        return lineLength == terminator && terminator > 0;
    }

    /** The kept content without its terminator. */
    byte[] content() {
        int n = (int) Math.min(kept, lineLength - terminator);
        byte[] out = new byte[Math.max(n, 0)];
        System.arraycopy(line, 0, out, 0, out.length);
        return out;
    }

    /** True when the line is {@code --boundary} or {@code --boundary--}, followed only by white space. */
    boolean isBoundary(byte[] boundary) {
        int n = (int) Math.min(kept, lineLength - terminator);
        if (n < boundary.length + 2 || line[0] != '-' || line[1] != '-') {
            return false;
        }
        for (int i = 0; i < boundary.length; i++) {
            if (line[2 + i] != boundary[i]) {
                return false;
            }
        }
        int i = 2 + boundary.length;
        if (i + 1 < n && line[i] == '-' && line[i + 1] == '-') {
            i += 2;
        }
        for (; i < n; i++) {
            if (line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    boolean isCloseBoundary(byte[] boundary) {
        int at = 2 + boundary.length;
        return isBoundary(boundary) && lineLength - terminator >= at + 2 && line[at] == '-' && line[at + 1] == '-';
    }

    /** The number of LF characters read so far, for counting body lines. */
    long lfCount() {
        return lfCount;
    }

    long offset() {
        return offset;
    }
}
