package org.mailstack.imap.parse;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses SEARCH arguments: RFC 3501 section 6.4.4, the RETURN options (RFC 4731, 5182, 5267, 9394), MODSEQ
 * (RFC 7162).
 */
public final class SearchParser {
    private static final int MAX_DEPTH = 64;

    private SearchParser() {
    }

    /**
     * {@code RETURN (option...) SP} of ESEARCH (RFC 4731 section 3.1), ESORT and CONTEXT (RFC 5267 sections 3.2
     * and 4), SEARCHRES (RFC 5182) and PARTIAL (RFC 9394 section 3.1); null when absent. At most one of PARTIAL
     * and ALL may be given (RFC 5267 section 4.4); another option given twice counts once.
     */
    public static ReturnOptions returnOptions(ImapReader r) {
        if (!r.consumeWord("RETURN ")) {
            return null;
        }
        List<String> names = new ArrayList<>();
        PartialRange partial = null;
        r.expect('(');
        if (!r.consume(')')) {
            do {
                String opt = r.atom().toUpperCase(Locale.ROOT);
                if (!List.of("MIN", "MAX", "ALL", "COUNT", "SAVE", "UPDATE", "CONTEXT", "PARTIAL").contains(opt)) {
                    throw new ParseException("Unknown RETURN option");
                }
                boolean again = names.contains(opt);
                if (again && (opt.equals("PARTIAL") || opt.equals("ALL"))) {
                    throw new ParseException(opt + " given twice");
                }
                if (opt.equals("PARTIAL")) {
                    r.sp();
                    partial = PartialRange.parse(r);
                }
                if (!again) {
                    names.add(opt);
                }
            } while (r.consume(' '));
            r.expect(')');
        }
        if (names.contains("PARTIAL") && names.contains("ALL")) {
            throw new ParseException("PARTIAL and ALL cannot be combined");
        }
        r.sp();
        return new ReturnOptions(names, partial);
    }

    public static SearchRequest parse(ImapReader r) {
        ReturnOptions returns = returnOptions(r);
        String charset = null;
        if (r.consumeWord("CHARSET ")) {
            charset = r.astring();
            r.sp();
        }
        List<SearchKey> keys = new ArrayList<>();
        keys.add(key(r, 0));
        while (r.consume(' ')) {
            keys.add(key(r, 0));
        }
        r.end();
        return new SearchRequest(returns, charset, keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys));
    }

    static SearchKey key(ImapReader r, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ParseException("Search nested too deeply");
        }
        if (r.consume('(')) {
            List<SearchKey> keys = new ArrayList<>();
            keys.add(key(r, depth + 1));
            while (r.consume(' ')) {
                keys.add(key(r, depth + 1));
            }
            r.expect(')');
            return new SearchKey.And(keys);
        }
        int c = r.peek();
        if ((c >= '0' && c <= '9') || c == '*' || c == '$') {
            return new SearchKey.Set(r.sequenceSet(), false);
        }
        String word = r.atom().toUpperCase(Locale.ROOT);
        return switch (word) {
            case "ALL" -> new SearchKey.All();
            case "ANSWERED" -> new SearchKey.Flag("\\Answered", true);
            case "UNANSWERED" -> new SearchKey.Flag("\\Answered", false);
            case "DELETED" -> new SearchKey.Flag("\\Deleted", true);
            case "UNDELETED" -> new SearchKey.Flag("\\Deleted", false);
            case "DRAFT" -> new SearchKey.Flag("\\Draft", true);
            case "UNDRAFT" -> new SearchKey.Flag("\\Draft", false);
            case "FLAGGED" -> new SearchKey.Flag("\\Flagged", true);
            case "UNFLAGGED" -> new SearchKey.Flag("\\Flagged", false);
            case "SEEN" -> new SearchKey.Flag("\\Seen", true);
            case "UNSEEN" -> new SearchKey.Flag("\\Seen", false);
            case "KEYWORD" -> new SearchKey.Flag(keyword(r), true);
            case "UNKEYWORD" -> new SearchKey.Flag(keyword(r), false);
            case "NEW" -> new SearchKey.And(List.of(new SearchKey.Recent(true), new SearchKey.Flag("\\Seen", false)));
            case "OLD" -> new SearchKey.Recent(false);
            case "RECENT" -> new SearchKey.Recent(true);
            case "BCC", "CC", "FROM", "SUBJECT", "TO" -> new SearchKey.Header(word, arg(r));
            case "HEADER" -> {
                String field = arg(r);
                yield new SearchKey.Header(field, arg(r));
            }
            case "BODY" -> new SearchKey.Text(arg(r), false);
            case "TEXT" -> new SearchKey.Text(arg(r), true);
            case "BEFORE" -> new SearchKey.Date(SearchKey.DateOp.BEFORE, date(r), false);
            case "ON" -> new SearchKey.Date(SearchKey.DateOp.ON, date(r), false);
            case "SINCE" -> new SearchKey.Date(SearchKey.DateOp.SINCE, date(r), false);
            case "SENTBEFORE" -> new SearchKey.Date(SearchKey.DateOp.BEFORE, date(r), true);
            case "SENTON" -> new SearchKey.Date(SearchKey.DateOp.ON, date(r), true);
            case "SENTSINCE" -> new SearchKey.Date(SearchKey.DateOp.SINCE, date(r), true);
            case "LARGER" -> new SearchKey.Size(number(r), true);
            case "SMALLER" -> new SearchKey.Size(number(r), false);
            case "UID" -> {
                r.sp();
                yield new SearchKey.Set(r.sequenceSet(), true);
            }
            case "NOT" -> {
                r.sp();
                yield new SearchKey.Not(key(r, depth + 1));
            }
            case "OR" -> {
                r.sp();
                SearchKey left = key(r, depth + 1);
                r.sp();
                yield new SearchKey.Or(left, key(r, depth + 1));
            }
            case "MODSEQ" -> modseq(r);
            default -> throw new ParseException("Unknown search key");
        };
    }

    private static SearchKey modseq(ImapReader r) {
        r.sp();
        if (r.peek() == '"') {
            r.string(); // entry name
            r.sp();
            r.atom(); // entry type: priv / shared / all
            r.sp();
        }
        return new SearchKey.ModSeq(r.number());
    }

    private static String keyword(ImapReader r) {
        r.sp();
        return r.atom();
    }

    private static String arg(ImapReader r) {
        r.sp();
        return r.astring();
    }

    private static long number(ImapReader r) {
        r.sp();
        return r.number();
    }

    private static LocalDate date(ImapReader r) {
        r.sp();
        String text = r.peek() == '"' ? r.string() : r.atom();
        return ImapDates.parseDate(text);
    }
}
