package org.mailstack.core.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The one rule on a message's content, applied where a message arrives: at the MX, which answers the Internet, and
 * at the account's own receiver, which the MX forwards to. Because both use this class, whatever the MX accepts the
 * account accepts too, and what the account would refuse never gets the MX's {@code 250}: a late refusal would turn
 * into a bounce to a sender address that may be forged (backscatter).
 *
 * <p>The rule: at most {@code maxBytes} octets; every CR and LF part of a CRLF pair; no line over
 * {@value #MAX_LINE} octets before its CRLF; no NUL octet. The first problem in reading order decides.
 *
 * <p>The sizes line up as well: the account's limit ({@link #ACCOUNT_MAX_BYTES} unless configured) must exceed the
 * MX's by {@link #TRACE_ROOM}, the room for the trace header the MX prepends.
 */
public final class MessageContent {
    /** RFC 5321 section 4.5.3.1.6: 1000 octets including the CRLF. */
    public static final int MAX_LINE = 998;
    /** The account receiver's default size limit. */
    public static final long ACCOUNT_MAX_BYTES = 50L << 20;
    /** What the MX adds in front of a message (its Received header) is far below this. */
    public static final long TRACE_ROOM = 16 * 1024;

    private static final int BUFFER = 16 * 1024;

    private MessageContent() {
    }

    /** The largest size limit the MX may use when the accounts take {@code accountMaxBytes}. */
    public static long largestRelayable(long accountMaxBytes) {
        return accountMaxBytes - TRACE_ROOM;
    }

    /**
     * Copies a message (already dot-unstuffed) from {@code in} to {@code out} while checking it. The stream is always
     * read to its end, so a refused message leaves the session in step; once a problem is found nothing more is
     * written, and never more than {@code maxBytes}.
     */
    public static ContentVerdict copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[BUFFER];
        ContentVerdict verdict = ContentVerdict.OK;
        long total = 0;
        int lineLength = 0;
        int previous = '\n';
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (verdict != ContentVerdict.OK) {
                continue;
            }
            total += n;
            if (total > maxBytes) {
                verdict = ContentVerdict.TOO_BIG;
                continue;
            }
            for (int i = 0; i < n && verdict == ContentVerdict.OK; i++) {
                int b = buffer[i];
                if (previous == '\r' && b != '\n' || b == '\n' && previous != '\r') {
                    verdict = ContentVerdict.BARE_NEWLINE;
                } else if (b == 0) {
                    verdict = ContentVerdict.NUL;
                } else if (b == '\n') {
                    lineLength = 0;
                } else if (b != '\r' && ++lineLength > MAX_LINE) {
                    verdict = ContentVerdict.LINE_TOO_LONG;
                }
                previous = b;
            }
            if (verdict == ContentVerdict.OK) {
                out.write(buffer, 0, n);
            }
        }
        if (verdict == ContentVerdict.OK && previous == '\r') {
            verdict = ContentVerdict.BARE_NEWLINE;
        }
        return verdict;
    }
}
