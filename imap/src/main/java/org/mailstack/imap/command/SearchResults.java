package org.mailstack.imap.command;

import java.util.ArrayList;
import java.util.List;
import org.mailstack.imap.parse.PartialRange;
import org.mailstack.imap.parse.ReturnOptions;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.response.UidSets;
import org.mailstack.imap.session.ImapSession;

/**
 * The answer to SEARCH or SORT with {@code RETURN (...)}: an ESEARCH response (RFC 4731, RFC 5267, RFC 9394), and
 * what {@code SAVE} keeps for {@code $} (RFC 5182 section 2.4).
 */
final class SearchResults {
    private SearchResults() {
    }

    /**
     * Saves the result when asked, then writes the ESEARCH response unless SAVE (with UPDATE or CONTEXT, which
     * return nothing themselves) was the only option.
     *
     * @param uids    the result's UIDs, in result order (sort order for ESORT)
     * @param hits    what the response names: UIDs for the UID forms, else sequence numbers, in the same order
     * @param modSeqs the results' MODSEQs in the same order to report the highest returned (RFC 7162 section
     *                3.1.5), or null for none
     */
    static void answer(ImapSession s, Request r, ReturnOptions ro, List<Long> uids, List<Long> hits,
                       List<Long> modSeqs) {
        List<String> opts = ro.effective();
        if (opts.contains("SAVE")) {
            s.selected().saveResult(saved(opts, ro.partial(), uids));
        }
        if (opts.stream().anyMatch(o -> !List.of("SAVE", "UPDATE", "CONTEXT").contains(o))) {
            writeEsearch(s.writer(), r, opts, ro.partial(), hits, modSeqs == null ? 0 : returnedModSeq(opts,
                    ro.partial(), modSeqs));
        }
    }

    /**
     * The UIDs to save, given in result order (sort order for ESORT): those of PARTIAL's range when it is given
     * (RFC 9394 section 3.1), else all of them, unless the other return options are only MIN and/or MAX, which
     * save just the message(s) they return.
     */
    static List<Long> saved(List<String> options, PartialRange partial, List<Long> uids) {
        if (partial != null) {
            return partial.slice(uids);
        }
        boolean minOrMaxOnly = options.stream().allMatch(o -> List.of("SAVE", "MIN", "MAX", "UPDATE", "CONTEXT")
                .contains(o)) && (options.contains("MIN") || options.contains("MAX"));
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

    /**
     * The MODSEQ of an ESEARCH answer (RFC 7162 section 3.1.5, RFC 4731 section 3.2): the highest of the messages
     * it returns: all of them for ALL or COUNT, else those MIN, MAX and PARTIAL name; 0 when it returns none.
     */
    private static long returnedModSeq(List<String> opts, PartialRange partial, List<Long> modSeqs) {
        if (modSeqs.isEmpty()) {
            return 0;
        }
        if (opts.contains("ALL") || opts.contains("COUNT")) {
            return modSeqs.stream().mapToLong(Long::longValue).max().orElse(0);
        }
        long m = 0;
        if (opts.contains("MIN")) {
            m = modSeqs.get(0);
        }
        if (opts.contains("MAX")) {
            m = Math.max(m, modSeqs.get(modSeqs.size() - 1));
        }
        if (partial != null) {
            m = Math.max(m, partial.slice(modSeqs).stream().mapToLong(Long::longValue).max().orElse(0));
        }
        return m;
    }

    /**
     * {@code * ESEARCH (TAG ..) [UID] MIN MAX ALL COUNT PARTIAL (range set) [MODSEQ]}; MIN, MAX, ALL and PARTIAL's
     * set follow the order of hits.
     */
    private static void writeEsearch(ImapWriter w, Request r, List<String> opts, PartialRange partial,
                                     List<Long> hits, long modseq) {
        correlator(w, r.tag(), r.uid());
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
        if (partial != null) { // RFC 9394 section 3.1: NIL when no result falls in the range
            List<Long> part = partial.slice(hits);
            w.atom("PARTIAL").open().atom(partial.toString()).atom(part.isEmpty() ? "NIL" : UidSets.format(part))
                    .close();
        }
        if (modseq > 0) {
            w.atom("MODSEQ").number(modseq);
        }
        w.crlf();
    }

    /** {@code * ESEARCH (TAG "tag")} and the UID indicator when asked for. */
    static void correlator(ImapWriter w, String tag, boolean uid) {
        w.untagged().atom("ESEARCH").open().atom("TAG").string(tag).close();
        if (uid) {
            w.atom("UID");
        }
    }
}
