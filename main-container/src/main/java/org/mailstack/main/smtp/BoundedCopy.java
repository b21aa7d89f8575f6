package org.mailstack.main.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.subethamail.smtp.RejectException;

/**
 * Copies a DATA stream with a byte cap. SubEthaSMTP checks only the SIZE= a client declares (RFC 1870), not the bytes it
 * sends, so the cap is enforced here: past the limit the rest is read and discarded (the client must see the final
 * {@code .} before the reply, or the session desynchronises) and the transaction fails with {@code 552 5.3.4}.
 */
public final class BoundedCopy {
    private static final int BUFFER = 64 * 1024;

    private BoundedCopy() {
    }

    /** Copies {@code in} to {@code out}; returns the byte count, or throws 552 once {@code in} is fully drained. */
    public static long copy(InputStream in, OutputStream out, long maxBytes) throws IOException, RejectException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            total += n;
            if (total > maxBytes) {
                drain(in, buf);
                throw new RejectException(552, "5.3.4 Message size exceeds fixed maximum message size");
            }
            out.write(buf, 0, n);
        }
        return total;
    }

    private static void drain(InputStream in, byte[] buf) throws IOException {
        while (in.read(buf) != -1) {
            // discard: the reply comes after the terminating dot
        }
    }
}
