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
import org.mailstack.core.maildir.MessageGoneException;
import org.mailstack.imap.mime.Envelope;
import org.mailstack.imap.mime.HeaderDates;
import org.mailstack.imap.parse.ImapReader;
import org.mailstack.imap.parse.ParseException;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.session.ImapSession;

/**
 * THREAD and UID THREAD (RFC 5256 section 4). ORDEREDSUBJECT: messages grouped by base subject, each group ordered by
 * sent date, the first of a group the parent of the others; groups ordered by their first message's date.
 * REFERENCES: see {@link ReferenceThreads}; the References field comes from the shared header cache.
 */
final class ThreadCommand implements ImapCommand {

    private record Row(long id, String subject, Instant date, int seq) {
    }

    @Override
    public Completion execute(ImapSession s, Request r) throws IOException {
        ImapReader a = r.args();
        String algorithm = a.atom().toUpperCase(Locale.ROOT);
        boolean references = algorithm.equals("REFERENCES");
        if (!references && !algorithm.equals("ORDEREDSUBJECT")) {
            throw new ParseException("Unsupported threading algorithm");
        }
        a.sp();
        List<Matches.Match> matches = Matches.of(s, a);
        if (references) {
            List<ReferenceThreads.Message> messages = new ArrayList<>();
            for (Matches.Match m : matches) {
                Envelope.Firsts e = m.envelope().firsts();
                messages.add(new ReferenceThreads.Message(r.uid() ? m.info().uid() : m.seq(), m.seq(), e.messageId(),
                        e.inReplyTo(), referencesOf(s, m.info().uid()), e.subject(), sentDate(m)));
            }
            s.writer().untagged().raw(("THREAD " + ReferenceThreads.threads(messages)).trim()).crlf();
            return Completion.ok("Thread completed.");
        }
        List<Row> rows = new ArrayList<>();
        for (Matches.Match m : matches) {
            rows.add(new Row(r.uid() ? m.info().uid() : m.seq(), BaseSubject.of(m.envelope().firsts().subject()),
                    sentDate(m), m.seq()));
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

    /** The sent date of RFC 5256 section 2.2: the Date field, or INTERNALDATE when it is missing or unreadable. */
    private static Instant sentDate(Matches.Match m) {
        return HeaderDates.parse(m.envelope().firsts().date()).map(d -> d.toInstant())
                .orElse(m.info().internalDate());
    }

    /** The message's References field, from the shared header cache; null when it has none or is gone. */
    private static String referencesOf(ImapSession s, long uid) throws IOException {
        MailboxView view = s.selected().view();
        try {
            return s.server().headers().get(s.account(), view, uid, () -> MessageText.readTopHeader(view, uid))
                    .get("References");
        } catch (MessageGoneException e) {
            return null;
        }
    }
}
