package org.mailstack.imap.command;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

import org.mailstack.core.maildir.MailboxView;
import org.mailstack.core.maildir.MessageGoneException;
import org.mailstack.core.maildir.MessageInfo;
import org.mailstack.imap.parse.ReturnOptions;
import org.mailstack.imap.parse.SearchKey;
import org.mailstack.imap.parse.SearchParser;
import org.mailstack.imap.parse.SearchRequest;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.session.ImapSession;

/**
 * SEARCH and UID SEARCH (RFC 3501 sections 6.4.4, 6.4.8) with the RETURN options of ESEARCH (RFC 4731), PARTIAL
 * (RFC 9394) and CONTEXT=SEARCH (RFC 5267 section 4: UPDATE keeps the result as a context, see
 * {@link SearchContext}).
 */
final class SearchCommand implements ImapCommand {

    @Override
    public Completion execute(ImapSession s, Request r) throws IOException {
        SearchRequest req = SearchParser.parse(r.args());
        boolean save = req.extended() && req.returnOptions().has("SAVE");
        if (req.charset() != null && !isSupported(req.charset())) {
            if (save) {
                s.selected().saveResult(List.of()); // RFC 5182 section 2.1: a failed SAVE empties $
            }
            return Completion.no("BADCHARSET (US-ASCII UTF-8)", "Unsupported charset.");
        }
        boolean modseq = containsModSeq(req.key());
        if (modseq) {
            s.enable(ImapSession.Extension.CONDSTORE);
        }
        MailboxView view = s.selected().view();
        SearchEvaluator evaluator = new SearchEvaluator(s);
        List<Long> hits = new ArrayList<>();
        List<Long> uids = new ArrayList<>();
        List<Long> modSeqs = new ArrayList<>();
        long highestModSeq = 0;
        for (int seq = 1; seq <= view.size(); seq++) {
            MessageInfo m = view.get(seq);
            try {
                if (evaluator.matches(req.key(), seq, m)) {
                    hits.add(r.uid() ? m.uid() : seq);
                    uids.add(m.uid());
                    modSeqs.add(m.modSeq());
                    highestModSeq = Math.max(highestModSeq, m.modSeq());
                }
            } catch (MessageGoneException e) {
                // expunged by another session meanwhile: it matches nothing
            }
        }
        ImapWriter w = s.writer();
        if (req.extended() || s.rev2()) { // RFC 9051 section 7.3.4: IMAP4rev2 answers ESEARCH, ALL by default
            ReturnOptions ro = req.extended() ? req.returnOptions() : new ReturnOptions(List.of(), null);
            SearchResults.answer(s, r, ro, uids, hits, modseq ? modSeqs : null);
            if (ro.has("UPDATE")) {
                SearchContext.register(s, r.tag(), req.key(), null, uids);
            }
        } else {
            w.untagged().atom("SEARCH");
            for (long h : hits) {
                w.number(h);
            }
            if (modseq && !hits.isEmpty()) {
                w.open().atom("MODSEQ").number(highestModSeq).close();
            }
            w.crlf();
        }
        return Completion.ok("Search completed.");
    }

    static boolean isSupported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean containsModSeq(SearchKey key) {
        if (key instanceof SearchKey.ModSeq) {
            return true;
        }
        if (key instanceof SearchKey.Not n) {
            return containsModSeq(n.key());
        }
        if (key instanceof SearchKey.Or o) {
            return containsModSeq(o.left()) || containsModSeq(o.right());
        }
        if (key instanceof SearchKey.And a) {
            return a.keys().stream().anyMatch(SearchCommand::containsModSeq);
        }
        return false;
    }
}
