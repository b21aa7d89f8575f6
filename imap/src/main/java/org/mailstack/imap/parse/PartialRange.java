package org.mailstack.imap.parse;

import java.util.List;

/**
 * The range of the PARTIAL return option and FETCH modifier (RFC 9394 section 3): {@code first:last} counts results
 * from the first (1 is the first), {@code -first:-last} from the last (-1 is the last). Kept with the smaller
 * magnitude first ({@code 500:400} is {@code 400:500}); both ends are non-zero 32-bit numbers of the same sign.
 */
public record PartialRange(long first, long last) {
    public PartialRange {
        if (first == 0 || last == 0 || (first < 0) != (last < 0) || Math.abs(first) > 0xFFFFFFFFL
                || Math.abs(last) > 0xFFFFFFFFL) {
            throw new ParseException("Invalid partial range");
        }
        if (Math.abs(first) > Math.abs(last)) {
            long t = first;
            first = last;
            last = t;
        }
    }

    /** Parses {@code partial-range}: {@code nz-number ":" nz-number} or {@code "-" nz-number ":-" nz-number}. */
    public static PartialRange parse(ImapReader r) {
        boolean fromEnd = r.consume('-');
        long a = r.nzNumber();
        r.expect(':');
        if (r.consume('-') != fromEnd) {
            throw new ParseException("Both ends of a partial range must have the same sign");
        }
        long b = r.nzNumber();
        return fromEnd ? new PartialRange(-a, -b) : new PartialRange(a, b);
    }

    /** Whether the range counts from the end of the result. */
    public boolean fromEnd() {
        return first < 0;
    }

    /** The part of {@code results} (in result order) this range names, in the same order; maybe empty. */
    public <T> List<T> slice(List<T> results) {
        int n = results.size();
        long from;
        long to; // exclusive
        if (fromEnd()) {
            from = Math.max(0, n + last);
            to = Math.max(0, n + first + 1);
        } else {
            from = Math.min(n, first - 1);
            to = Math.min(n, last);
        }
        return results.subList((int) from, (int) Math.max(from, to));
    }

    @Override
    public String toString() {
        return first + ":" + last;
    }
}
