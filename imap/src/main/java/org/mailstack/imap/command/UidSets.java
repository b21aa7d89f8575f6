package org.mailstack.imap.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Formats ascending numbers as a compact sequence set ({@code 1:3,7}) for COPYUID, ESEARCH and MODIFIED. */
final class UidSets {

    private UidSets() {
    }

    static String format(Collection<? extends Number> numbers) {
        StringBuilder sb = new StringBuilder();
        long start = -1;
        long prev = -1;
        for (Number n : numbers) {
            long v = n.longValue();
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

    /** Formats in the given order (COPYUID pairs must keep source and target in step). */
    static String formatOrdered(List<Long> numbers) {
        return format(new ArrayList<>(numbers));
    }

    private static void append(StringBuilder sb, long start, long end) {
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
