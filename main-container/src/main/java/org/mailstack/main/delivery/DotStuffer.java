package org.mailstack.main.delivery;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes message bytes as SMTP DATA: bare LF and bare CR become CRLF, a line starting with {@code .} gets another
 * {@code .} (RFC 5321 §4.5.2), and {@link #finish()} ends the last line and writes {@code .CRLF}.
 */
final class DotStuffer {
    private final OutputStream out;
    private boolean atLineStart = true;
    private boolean afterCr;

    DotStuffer(OutputStream out) {
        this.out = out;
    }

    void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    private void write(byte b) throws IOException {
        if (afterCr) {
            afterCr = false;
            if (b == '\n') {
                return;
            }
        }
        if (b == '\r' || b == '\n') {
            out.write('\r');
            out.write('\n');
            atLineStart = true;
            afterCr = b == '\r';
            return;
        }
        if (atLineStart && b == '.') {
            out.write('.');
        }
        atLineStart = false;
        out.write(b);
    }

    void finish() throws IOException {
        if (!atLineStart) {
            out.write('\r');
            out.write('\n');
        }
        out.write(new byte[] {'.', '\r', '\n'});
    }
}
