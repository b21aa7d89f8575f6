package org.mailstack.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.core.maildir.MessageInfo;
import org.mailstack.imap.mime.Envelope;
import org.mailstack.imap.parse.ImapReader;
import org.mailstack.imap.parse.SearchKey;
import org.mailstack.imap.parse.SearchParser;
import org.mailstack.imap.session.ImapSession;

/**
 * The {@code charset SP search-key} tail shared by SORT and THREAD (RFC 5256): parses it and returns the matching
 * messages with their envelopes, in sequence order.
 */
final class Matches {
    /** One matching message. */
    record Match(int seq, MessageInfo info, Envelope envelope) {
    }

    private Matches() {
    }

    static List<Match> of(ImapSession s, ImapReader a) throws IOException {
        return of(s, key(a));
    }

    /** Parses {@code charset SP search-key} to the line end: NO [BADCHARSET] for a charset the JVM lacks. */
    static SearchKey key(ImapReader a) {
        String charset = a.astring();
        a.sp();
        if (!SearchCommand.isSupported(charset)) {
            throw new NoException("BADCHARSET (US-ASCII UTF-8)", "Unsupported charset.");
        }
        return SearchParser.parse(a).key();
    }

    /** The messages of the selected mailbox that match, in sequence order. */
    static List<Match> of(ImapSession s, SearchKey key) throws IOException {
        MailboxView view = s.selected().view();
        SearchEvaluator evaluator = new SearchEvaluator(s);
        List<Match> out = new ArrayList<>();
        for (int seq = 1; seq <= view.size(); seq++) {
            MessageInfo m = view.get(seq);
            if (evaluator.matches(key, seq, m)) {
                out.add(new Match(seq, m, s.server().structures().get(s.account(), view, m.uid()).envelope()));
            }
        }
        return out;
    }
}
