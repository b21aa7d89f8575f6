package org.mailstack.core.maildir;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
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

    /**
     * The order in which names were delivered: seconds, then microseconds, then the {@code Q} counter, then the whole
     * name. The numbers are compared as numbers ({@code M99} before {@code M100}, {@code Q9} before {@code Q10}), which
     * plain string order gets wrong within one second. A part a foreign name lacks counts as -1, so names without a
     * leading time come first, in name order.
     */
    record DeliveryKey(long seconds, long micros, long counter, String name) implements Comparable<DeliveryKey> {
        private static final Comparator<DeliveryKey> ORDER = Comparator.comparingLong(DeliveryKey::seconds)
                .thenComparingLong(DeliveryKey::micros).thenComparingLong(DeliveryKey::counter)
                .thenComparing(DeliveryKey::name);

        static DeliveryKey of(String fileName) {
            int[] pos = {0};
            long secs = digits(fileName, pos);
            long micros = -1;
            long counter = -1;
            if (secs >= 0 && fileName.startsWith(".M", pos[0])) {
                pos[0] += 2;
                micros = digits(fileName, pos);
                if (micros >= 0 && fileName.startsWith("P", pos[0])) {
                    pos[0]++;
                    digits(fileName, pos);
                }
                if (micros >= 0 && fileName.startsWith("Q", pos[0])) {
                    pos[0]++;
                    counter = digits(fileName, pos);
                }
            }
            return new DeliveryKey(secs, micros, counter, fileName);
        }

        /** The decimal number at {@code pos[0]} (advancing it), or -1 when there is none or it is too long. */
        private static long digits(String s, int[] pos) {
            long v = 0;
            int start = pos[0];
            int i = start;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (i - start >= 18) {
                    return -1;
                }
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            pos[0] = i;
            return i == start ? -1 : v;
        }

        @Override
        public int compareTo(DeliveryKey other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * Whether a directory entry can be a message: not hidden, not a temporary name of ours, and one plain path
     * element without CR or LF (names also come from the UID list, which the owner can edit).
     */
    static boolean isMessageName(String fileName) {
        return !fileName.isEmpty() && fileName.charAt(0) != '.' && fileName.indexOf('\n') < 0
                && fileName.indexOf('\r') < 0 && fileName.indexOf('/') < 0 && fileName.indexOf('\0') < 0;
    }
}
