package org.mailstack.imap.command;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailstack.imap.mime.HeaderDates;
import org.mailstack.imap.parse.ImapReader;
import org.mailstack.imap.parse.ParseException;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.session.ImapSession;

/**
 * THREAD=ORDEREDSUBJECT and UID THREAD (RFC 5256 section 4): messages grouped by base subject, each group ordered by
 * sent date, the first of a group the parent of the others; groups ordered by their first message's date.
 */
final class ThreadCommand implements ImapCommand {

    private record Row(long id, String subject, Instant date, int seq) {
    }

    @Override
    public Completion execute(ImapSession s, Request r) throws IOException {
        ImapReader a = r.args();
        String algorithm = a.atom().toUpperCase(Locale.ROOT);
        if (!algorithm.equals("ORDEREDSUBJECT")) {
            throw new ParseException("Unsupported threading algorithm");
        }
        a.sp();
        List<Row> rows = new ArrayList<>();
        for (Matches.Match m : Matches.of(s, a)) {
            Instant date = HeaderDates.parse(m.envelope().date()).map(d -> d.toInstant())
                    .orElse(m.info().internalDate());
            rows.add(new Row(r.uid() ? m.info().uid() : m.seq(), BaseSubject.of(m.envelope().subject()), date,
                    m.seq()));
        }
        rows.sort(Comparator.comparing(Row::date).thenComparingInt(Row::seq));
        Map<String, List<Row>> threads = new LinkedHashMap<>();
        for (Row row : rows) {
            threads.computeIfAbsent(row.subject(), k -> new ArrayList<>()).add(row);
        }
        ImapWriter w = s.writer();
        StringBuilder sb = new StringBuilder("THREAD ");
        for (List<Row> thread : threads.values()) {
            sb.append('(').append(thread.get(0).id());
            if (thread.size() == 2) {
                sb.append(' ').append(thread.get(1).id());
            } else if (thread.size() > 2) {
                sb.append(' ');
                for (Row child : thread.subList(1, thread.size())) {
                    sb.append('(').append(child.id()).append(')');
                }
            }
            sb.append(')');
        }
        w.untagged().raw(sb.toString().trim()).crlf();
        return Completion.ok("Thread completed.");
    }
}
