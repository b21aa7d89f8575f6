package org.mailstack.imap.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence-set of RFC 3501 section 9: comma-separated numbers and ranges, where {@code *} stands for the
 * largest number in use. Immutable; {@code *} is kept symbolic until {@link #contains(long, long)} resolves it.
 * {@link #SAVED} is {@code $}, the last result saved by {@code SEARCH RETURN (SAVE)} (RFC 5182): it has no ranges
 * and is resolved by the selected mailbox, which holds that result.
 */
public final class SequenceSet {
    /** Marker for {@code *}. */
    public static final long STAR = -1;

    /** One range, inclusive; either end may be {@link #STAR}; ends may come in either order. */
    public record Range(long from, long to) {
        long low(long max) {
            return Math.min(resolve(from, max), resolve(to, max));
        }

        long high(long max) {
            return Math.max(resolve(from, max), resolve(to, max));
        }

        private static long resolve(long n, long max) {
            return n == STAR ? max : n;
        }
    }

    /** {@code $} (RFC 5182 section 2.1). */
    public static final SequenceSet SAVED = new SequenceSet();

    private final List<Range> ranges;

    public SequenceSet(List<Range> ranges) {
        if (ranges.isEmpty()) {
            throw new ParseException("Empty sequence set");
        }
        this.ranges = List.copyOf(ranges);
    }

    private SequenceSet() {
        this.ranges = List.of();
    }

    /** Whether this is {@code $}, the saved search result. */
    public boolean isSaved() {
        return this == SAVED;
    }

    public static SequenceSet of(long from, long to) {
        return new SequenceSet(List.of(new Range(from, to)));
    }

    public List<Range> ranges() {
        return ranges;
    }

    /** True when {@code n} lies in the set, with {@code *} meaning {@code max}. */
    public boolean contains(long n, long max) {
        for (Range r : ranges) {
            if (n >= r.low(max) && n <= r.high(max)) {
                return true;
            }
        }
        return false;
    }

    /** The lowest and highest numbers the set can name given {@code max}, for bounding a scan. */
    public long low(long max) {
        return ranges.stream().mapToLong(r -> r.low(max)).min().orElse(1);
    }

    public long high(long max) {
        return ranges.stream().mapToLong(r -> r.high(max)).max().orElse(max);
    }

    /** Parses the textual form, e.g. {@code 1:3,5,7:*}. */
    public static SequenceSet parse(String text) {
        List<Range> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                long n = number(part);
                out.add(new Range(n, n));
            } else {
                out.add(new Range(number(part.substring(0, colon)), number(part.substring(colon + 1))));
            }
        }
        return new SequenceSet(out);
    }

    private static long number(String s) {
        if (s.equals("*")) {
            return STAR;
        }
        if (s.isEmpty() || s.length() > 10 || s.charAt(0) == '0') {
            throw new ParseException("Invalid sequence number");
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new ParseException("Invalid sequence set");
            }
        }
        long n = Long.parseLong(s);
        if (n > 0xFFFFFFFFL) {
            throw new ParseException("Invalid sequence number");
        }
        return n;
    }

    @Override
    public String toString() {
        if (isSaved()) {
            return "$";
        }
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(text(r.from()));
            if (r.from() != r.to()) {
                sb.append(':').append(text(r.to()));
            }
        }
        return sb.toString();
    }

    private static String text(long n) {
        return n == STAR ? "*" : Long.toString(n);
    }
}
