package org.mailstack.imap.response;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Formats ascending numbers as a compact sequence set ({@code 1:3,7}) for COPYUID, ESEARCH, MODIFIED, VANISHED. */
public final class UidSets {

    private UidSets() {
    }

    public static String format(Collection<? extends Number> numbers) {
        return format(numbers.stream().mapToLong(Number::longValue).toArray());
    }

    /** Formats in the given order (COPYUID pairs must keep source and target in step). */
    public static String formatOrdered(List<Long> numbers) {
        return format(new ArrayList<>(numbers));
    }

    /** Formats ascending UIDs. */
    public static String format(long[] numbers) {
        StringBuilder sb = new StringBuilder();
        long start = -1;
        long prev = -1;
        for (long v : numbers) {
            if (start >= 0 && v == prev + 1) {
                prev = v;
                continue;
            }
            append(sb, start, prev);
            start = v;
            prev = v;
        }
        append(sb, start, prev);
        return sb.toString();
    }

    /** Appends {@code start:end} (or {@code start} alone) after a comma when needed; nothing when start is negative. */
    public static void append(StringBuilder sb, long start, long end) {
        if (start < 0) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(start);
        if (end != start) {
            sb.append(':').append(end);
        }
    }
}
