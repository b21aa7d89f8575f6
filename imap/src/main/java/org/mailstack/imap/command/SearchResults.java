package org.mailstack.imap.command;

import java.util.ArrayList;
import java.util.List;

/** What {@code SEARCH RETURN (SAVE ...)} keeps for {@code $} (RFC 5182 section 2.4). */
final class SearchResults {
    private SearchResults() {
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
}
