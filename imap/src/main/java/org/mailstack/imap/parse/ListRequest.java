package org.mailstack.imap.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * LIST arguments with the LIST-EXTENDED forms (RFC 5258 section 3): selection options before the reference, one
 * pattern or a parenthesised list of them, and return options after; plus LIST-STATUS (RFC 5819) items.
 * Patterns are as written on the wire (modified UTF-7).
 *
 * @param statusItems the STATUS items of {@code RETURN (STATUS (...))}, empty when not asked
 * @param extended    whether any LIST-EXTENDED syntax was used (then {@code ""} is an ordinary pattern)
 */
public record ListRequest(String reference, List<String> patterns, boolean selectSubscribed, boolean recursiveMatch,
                          boolean selectSpecialUse, boolean returnSubscribed, boolean returnChildren,
                          List<String> statusItems, boolean extended) {
    public ListRequest {
        patterns = List.copyOf(patterns);
        statusItems = List.copyOf(statusItems);
    }

    public static final List<String> STATUS_ITEMS =
            List.of("MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "HIGHESTMODSEQ", "DELETED",
                    "DELETED-STORAGE", "SIZE");

    /** Parses the arguments up to the end of the line. */
    public static ListRequest parse(ImapReader r) {
        boolean extended = false;
        boolean subscribed = false;
        boolean recursive = false;
        boolean specialUse = false;
        if (r.consume('(')) {
            extended = true;
            boolean other = false;
            for (String o : words(r)) {
                switch (o) {
                    case "SUBSCRIBED" -> subscribed = true;
                    case "RECURSIVEMATCH" -> recursive = true;
                    case "SPECIAL-USE" -> specialUse = true;
                    case "REMOTE" -> other = true;
                    default -> throw new ParseException("Unknown LIST selection option");
                }
            }
            if (recursive && !subscribed && !specialUse) { // section 3: RECURSIVEMATCH alone is an error
                throw new ParseException("RECURSIVEMATCH needs another selection option");
            }
            r.sp();
        }
        String reference = r.astring();
        r.sp();
        List<String> patterns = new ArrayList<>();
        if (r.consume('(')) {
            extended = true;
            patterns.add(r.listMailbox());
            while (r.consume(' ')) {
                patterns.add(r.listMailbox());
            }
            r.expect(')');
        } else {
            patterns.add(r.listMailbox());
        }
        boolean returnSubscribed = false;
        boolean returnChildren = false;
        List<String> status = new ArrayList<>();
        if (r.consume(' ')) {
            extended = true;
            if (!r.consumeWord("RETURN ")) {
                throw new ParseException("Expected RETURN");
            }
            r.expect('(');
            if (!r.consume(')')) {
                do {
                    String o = r.atom().toUpperCase(Locale.ROOT);
                    switch (o) {
                        case "SUBSCRIBED" -> returnSubscribed = true;
                        case "CHILDREN", "SPECIAL-USE" -> returnChildren |= o.equals("CHILDREN");
                        case "STATUS" -> {
                            r.sp();
                            r.expect('(');
                            status.addAll(statusItems(r));
                        }
                        default -> throw new ParseException("Unknown LIST return option");
                    }
                } while (r.consume(' '));
                r.expect(')');
            }
        }
        r.end();
        return new ListRequest(reference, patterns, subscribed, recursive, specialUse, returnSubscribed,
                returnChildren, status, extended);
    }

    /** Atoms up to {@code )}, upper-cased; the {@code (} already read. */
    private static List<String> words(ImapReader r) {
        List<String> out = new ArrayList<>();
        if (r.consume(')')) {
            return out;
        }
        do {
            out.add(r.atom().toUpperCase(Locale.ROOT));
        } while (r.consume(' '));
        r.expect(')');
        return out;
    }

    /** STATUS items up to {@code )} (RFC 3501 section 6.3.10), the {@code (} already read. */
    public static List<String> statusItems(ImapReader r) {
        List<String> items = words(r);
        if (items.isEmpty() || !STATUS_ITEMS.containsAll(items)) {
            throw new ParseException("Invalid status item");
        }
        return items;
    }
}
