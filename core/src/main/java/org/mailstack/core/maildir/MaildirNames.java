package org.mailstack.core.maildir;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maildir file names (maildir(5), with Dovecot's {@code ,S=} size field).
 *
 * <p>A base name is {@code <seconds>.M<microseconds>P<pid>Q<counter>R<random>.<host>,S=<size>}. Every container's
 * process is PID 1, so the PID alone tells nothing: the per-JVM counter makes names from one process unique, the
 * 64 random bits make two processes that share a host name (a restarted container, a clone) unique, and the host
 * name separates machines. {@code /}, {@code :} and {@code ,} in the host are written as {@code \057},
 * {@code \072} and {@code \054} (maildir(5), Dovecot), and anything outside {@code [A-Za-z0-9._-]} as octal too.
 *
 * <p>A full name in {@code cur/} is {@code <base>:2,<flags>}; names in {@code new/} carry no info part.
 */
final class MaildirNames {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long PID = ProcessHandle.current().pid();

    private final String host;
    private final Clock clock;

    MaildirNames(String hostName, Clock clock) {
        this.host = sanitiseHost(hostName);
        this.clock = clock;
    }

    /** A new unique base name without size (for {@code tmp/}). */
    String newTmpName() {
        Instant now = clock.instant();
        return now.getEpochSecond() + ".M" + (now.getNano() / 1000) + "P" + PID + "Q" + COUNTER.incrementAndGet()
                + "R" + String.format("%016x", RANDOM.nextLong()) + "." + host;
    }

    /** A new unique base name carrying the size. */
    String newBaseName(long size) {
        return withSize(newTmpName(), size);
    }

    static String withSize(String tmpName, long size) {
        return tmpName + ",S=" + size;
    }

    static String sanitiseHost(String hostName) {
        StringBuilder out = new StringBuilder();
        for (char c : hostName.toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                    || c == '_') {
                out.append(c);
            } else {
                out.append('\\').append(String.format("%03o", c & 0xff));
            }
        }
        return out.length() == 0 ? "localhost" : out.toString();
    }

    /** The base name: everything before the first {@code ':'}. */
    static String baseName(String fileName) {
        int colon = fileName.indexOf(':');
        return colon < 0 ? fileName : fileName.substring(0, colon);
    }

    /** The flag letters after {@code ":2,"}, or {@code ""} when the name has no (or another kind of) info. */
    static String flagLetters(String fileName) {
        int i = fileName.indexOf(":2,");
        return i < 0 ? "" : fileName.substring(i + 3);
    }

    /** The {@code ,S=} size of a name, or -1 when it has none. */
    static long sizeOf(String fileName) {
        String base = baseName(fileName);
        int i = base.indexOf(",S=");
        if (i < 0) {
            return -1;
        }
        long size = 0;
        int digits = 0;
        for (int j = i + 3; j < base.length() && Character.isDigit(base.charAt(j)) && digits < 18; j++, digits++) {
            size = size * 10 + (base.charAt(j) - '0');
        }
        return digits == 0 ? -1 : size;
    }

    /** The delivery time at the start of a name ({@code <seconds>.M<micros>}), or null. */
    static Instant timeOf(String fileName) {
        int i = 0;
        long secs = 0;
        while (i < fileName.length() && i < 12 && Character.isDigit(fileName.charAt(i))) {
            secs = secs * 10 + (fileName.charAt(i) - '0');
            i++;
        }
        if (i == 0 || i >= fileName.length() || fileName.charAt(i) != '.') {
            return null;
        }
        long micros = 0;
        if (fileName.startsWith(".M", i)) {
            int j = i + 2;
            int digits = 0;
            while (j < fileName.length() && Character.isDigit(fileName.charAt(j)) && digits < 6) {
                micros = micros * 10 + (fileName.charAt(j) - '0');
                j++;
                digits++;
            }
        }
        return Instant.ofEpochSecond(secs, micros * 1000);
    }

    /** Whether a directory entry can be a message: not hidden, not a temporary name of ours. */
    static boolean isMessageName(String fileName) {
        return !fileName.isEmpty() && fileName.charAt(0) != '.' && fileName.indexOf('\n') < 0
                && fileName.indexOf('\r') < 0;
    }
}
