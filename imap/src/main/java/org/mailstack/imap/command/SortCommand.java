package org.mailstack.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.mailstack.core.maildir.MessageInfo;
import org.mailstack.imap.mime.Envelope;
import org.mailstack.imap.mime.HeaderDates;
import org.mailstack.imap.parse.ImapReader;
import org.mailstack.imap.parse.ParseException;
import org.mailstack.imap.parse.ReturnOptions;
import org.mailstack.imap.parse.SearchKey;
import org.mailstack.imap.parse.SearchParser;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.session.ImapSession;

/**
 * SORT and UID SORT (RFC 5256 section 3): the search program selects, the criteria order (ties by sequence
 * number). Envelope fields come from the structure cache. With {@code RETURN (...)}, the ESORT answer (RFC 5267),
 * PARTIAL (RFC 9394) and, with UPDATE, a result kept in sort order (CONTEXT=SORT, RFC 5267 section 4).
 */
final class SortCommand implements ImapCommand {
    private static final List<String> KEYS =
            List.of("ARRIVAL", "CC", "DATE", "FROM", "SIZE", "SUBJECT", "TO", "DISPLAYFROM", "DISPLAYTO");

    /** One message of a sort: its sequence number when sorted, its list entry and envelope. */
    record Row(int seq, MessageInfo info, Envelope envelope) {
    }

    @Override
    public Completion execute(ImapSession s, Request r) throws IOException {
        ImapReader a = r.args();
        ReturnOptions returns = SearchParser.returnOptions(a);
        Comparator<Row> order = order(a);
        a.sp();
        SearchKey key = Matches.key(a);
        List<Row> rows = new ArrayList<>();
        for (Matches.Match m : Matches.of(s, key)) {
            rows.add(new Row(m.seq(), m.info(), m.envelope()));
        }
        rows.sort(order);
        ImapWriter w = s.writer();
        if (returns != null) { // ESORT (RFC 5267 section 3.2): MIN, MAX, ALL and PARTIAL in sort order
            List<Long> uids = rows.stream().map(x -> x.info().uid()).toList();
            SearchResults.answer(s, r, returns, uids,
                    rows.stream().map(x -> r.uid() ? x.info().uid() : (long) x.seq()).toList(), null);
            if (returns.has("UPDATE")) {
                SearchContext.register(s, r.tag(), key, order, uids);
            }
            return Completion.ok("Sort completed.");
        }
        w.untagged().atom("SORT");
        for (Row row : rows) {
            w.number(r.uid() ? row.info().uid() : row.seq());
        }
        w.crlf();
        return Completion.ok("Sort completed.");
    }

    /**
     * Parses {@code "(" sort-criterion *(SP sort-criterion) ")"} to the order it asks for; ties go by UID, which is
     * sequence order (RFC 5256 section 3).
     */
    static Comparator<Row> order(ImapReader a) {
        a.expect('(');
        Comparator<Row> order = null;
        do {
            boolean reverse = a.consumeWord("REVERSE ");
            String key = a.atom().toUpperCase(Locale.ROOT);
            if (!KEYS.contains(key)) {
                throw new ParseException("Unknown sort criterion");
            }
            Comparator<Row> c = comparator(key);
            c = reverse ? c.reversed() : c;
            order = order == null ? c : order.thenComparing(c);
        } while (a.consume(' '));
        a.expect(')');
        return order.thenComparingLong(row -> row.info().uid());
    }

    private static Comparator<Row> comparator(String key) {
        return switch (key) {
            case "ARRIVAL" -> Comparator.comparing(row -> row.info().internalDate());
            case "SIZE" -> Comparator.comparingLong(row -> row.info().size());
            case "DATE" -> Comparator.comparing(row -> HeaderDates.parse(row.envelope().firsts().date())
                    .map(d -> d.toInstant()).orElse(row.info().internalDate()));
            case "SUBJECT" -> Comparator.comparing(row -> BaseSubject.of(row.envelope().firsts().subject()));
            case "FROM" -> Comparator.comparing(row -> mailbox(row.envelope().from()));
            case "TO" -> Comparator.comparing(row -> mailbox(row.envelope().to()));
            case "DISPLAYFROM" -> Comparator.comparing(row -> display(row.envelope().from()));
            case "DISPLAYTO" -> Comparator.comparing(row -> display(row.envelope().to()));
            default -> Comparator.comparing(row -> mailbox(row.envelope().cc()));
        };
    }

    /**
     * SORT=DISPLAY (RFC 5957 section 3): the first address's display name, decoded (RFC 2047), else its addr-spec;
     * compared without case.
     */
    private static String display(List<Envelope.Address> list) {
        if (list == null || list.isEmpty()) {
            return "";
        }
        Envelope.Address first = list.get(0);
        String name = first.name() == null ? "" : DecoderUtil.decodeEncodedWords(first.name(), DecodeMonitor.SILENT);
        if (name.isBlank()) {
            name = (first.mailbox() == null ? "" : first.mailbox()) + (first.host() == null ? "" : "@" + first.host());
        }
        return name.strip().toUpperCase(Locale.ROOT);
    }

    /** The addr-mailbox of the first address, upper-cased; empty when there is none (RFC 5256 section 3). */
    private static String mailbox(List<Envelope.Address> list) {
        if (list == null || list.isEmpty() || list.get(0).mailbox() == null) {
            return "";
        }
        return list.get(0).mailbox().toUpperCase(Locale.ROOT);
    }
}
