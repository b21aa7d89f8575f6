package org.mailstack.imap.command;

import java.util.ArrayList;
import java.util.List;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.response.UidSets;
import org.mailstack.imap.session.ImapSession;

/**
 * The answer to SEARCH or SORT with {@code RETURN (...)}: an ESEARCH response (RFC 4731, RFC 5267), and what
 * {@code SAVE} keeps for {@code $} (RFC 5182 section 2.4).
 */
final class SearchResults {
    private SearchResults() {
    }

    /** The RETURN options, where none means ALL (RFC 4731 section 3.1). */
    static List<String> options(List<String> returns) {
        return returns.isEmpty() ? List.of("ALL") : returns;
    }

    /**
     * Saves the result when asked, then writes the ESEARCH response unless SAVE was the only option.
     *
     * @param uids   the result's UIDs, in result order (sort order for ESORT)
     * @param hits   what the response names: UIDs for the UID forms, else sequence numbers, in the same order
     * @param modseq the MODSEQ to report, or -1 for none
     */
    static void answer(ImapSession s, Request r, List<String> opts, List<Long> uids, List<Long> hits, long modseq) {
        if (opts.contains("SAVE")) {
            s.selected().saveResult(saved(opts, uids));
        }
        if (!opts.equals(List.of("SAVE"))) {
            writeEsearch(s.writer(), r, opts, hits, modseq);
        }
    }

    /**
     * The UIDs to save, given in result order (sort order for ESORT): all of them, unless the other return options are only MIN and/or MAX,
     * which save just the message(s) they return.
     */
    static List<Long> saved(List<String> options, List<Long> uids) {
        boolean minOrMaxOnly = options.stream().allMatch(o -> o.equals("SAVE") || o.equals("MIN") || o.equals("MAX"))
                && (options.contains("MIN") || options.contains("MAX"));
        if (!minOrMaxOnly || uids.isEmpty()) {
            return uids;
        }
        List<Long> out = new ArrayList<>();
        if (options.contains("MIN")) {
            out.add(uids.get(0));
        }
        if (options.contains("MAX") && (out.isEmpty() || uids.size() > 1)) {
            out.add(uids.get(uids.size() - 1));
        }
        return out;
    }

    /** {@code * ESEARCH (TAG ..) [UID] MIN MAX ALL COUNT [MODSEQ]}; MIN, MAX and ALL follow the order of hits. */
    private static void writeEsearch(ImapWriter w, Request r, List<String> opts, List<Long> hits, long modseq) {
        w.untagged().atom("ESEARCH").open().atom("TAG").string(r.tag()).close();
        if (r.uid()) {
            w.atom("UID");
        }
        if (opts.contains("MIN") && !hits.isEmpty()) {
            w.atom("MIN").number(hits.get(0));
        }
        if (opts.contains("MAX") && !hits.isEmpty()) {
            w.atom("MAX").number(hits.get(hits.size() - 1));
        }
        if (opts.contains("ALL") && !hits.isEmpty()) {
            w.atom("ALL").atom(UidSets.format(hits));
        }
        if (opts.contains("COUNT")) {
            w.atom("COUNT").number(hits.size());
        }
        if (modseq > 0 && !hits.isEmpty()) {
            w.atom("MODSEQ").number(modseq);
        }
        w.crlf();
    }
}
