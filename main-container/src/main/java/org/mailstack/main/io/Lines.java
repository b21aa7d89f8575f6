package org.mailstack.main.io;

import java.io.IOException;
import java.io.InputStream;

/** Reads one protocol line (ending in LF, an optional CR before it is dropped) with a length bound. */
public final class Lines {
    private Lines() {
    }

    /** The next line without its terminator; IOException at end of stream or past {@code max} characters. */
    public static String read(InputStream in, int max) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if (sb.length() >= max) {
                throw new IOException("line too long");
            }
            sb.append((char) c);
        }
        throw new IOException("connection closed by peer");
    }
}
