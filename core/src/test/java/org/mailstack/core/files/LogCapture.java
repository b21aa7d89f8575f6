package org.mailstack.core.files;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the process logs while it is open: slf4j-simple writes to {@code System.err} as it is at each call, so this
 * swaps it for a buffer (and still echoes to the original). Tests run one at a time in a fork.
 */
public final class LogCapture implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private LogCapture() {
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                buffer.write(b);
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
                original.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** Everything logged so far, as text. */
    public synchronized String text() {
        System.err.flush();
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** The lines logged so far that contain {@code fragment}. */
    public List<String> linesWith(String fragment) {
        return text().lines().filter(l -> l.contains(fragment)).toList();
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }
}
