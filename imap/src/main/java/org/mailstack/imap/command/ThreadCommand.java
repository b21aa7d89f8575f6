package org.mailstack.imap.command;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.core.maildir.MessageInfo;
import org.mailstack.imap.mime.HeaderDates;
import org.mailstack.imap.parse.ImapReader;
import org.mailstack.imap.parse.ParseException;
import org.mailstack.imap.parse.SearchParser;
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
        String charset = a.astring();
        a.sp();
        if (!java.nio.charset.Charset.isSupported(charset)) {
            return Completion.no("BADCHARSET (US-ASCII UTF-8)", "Unsupported charset.");
        }
        var key = SearchParser.parse(a).key();
        MailboxView view = s.selected().view();
        SearchEvaluator evaluator = new SearchEvaluator(s);
        List<Row> rows = new ArrayList<>();
        for (int seq = 1; seq <= view.size(); seq++) {
            MessageInfo m = view.get(seq);
            if (evaluator.matches(key, seq, m)) {
                var envelope = s.server().structures().get(s.account(), view, m.uid()).envelope();
                Instant date = HeaderDates.parse(envelope.date()).map(d -> d.toInstant()).orElse(m.internalDate());
                rows.add(new Row(r.uid() ? m.uid() : seq, BaseSubject.of(envelope.subject()), date, seq));
            }
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
