package org.mailstack.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.imap.parse.ListRequest;

/** The LIST-EXTENDED parts of LIST (RFC 5258): the SUBSCRIBED selection, RECURSIVEMATCH and the attributes. */
final class ListExtended {
    private ListExtended() {
    }

    /**
     * SUBSCRIBED selection (section 3.1): every subscribed name matching a pattern, existing or not; with
     * RECURSIVEMATCH also each matching ancestor of a subscribed name that no pattern matched, marked for CHILDINFO.
     */
    static void subscribed(List<MailboxPattern> patterns, Set<FolderName> subscribed, boolean recursive,
                           TreeMap<String, List<String>> out, Set<String> childInfo) {
        List<FolderName> unmatched = new ArrayList<>();
        for (FolderName f : subscribed) {
            if (matches(patterns, f)) {
                out.put(f.name(), new ArrayList<>());
            } else {
                unmatched.add(f);
            }
        }
        if (!recursive) {
            return;
        }
        for (FolderName f : unmatched) {
            for (var p = f.parent(); p.isPresent(); p = p.get().parent()) {
                if (matches(patterns, p.get())) {
                    out.putIfAbsent(p.get().name(), new ArrayList<>());
                    childInfo.add(p.get().name());
                }
            }
        }
    }

    private static boolean matches(List<MailboxPattern> patterns, FolderName f) {
        return patterns.stream().anyMatch(p -> p.matches(f.name()));
    }

    /**
     * Sets the attributes: for the SUBSCRIBED selection {@code \Subscribed} and {@code \NonExistent} (section 3.4)
     * or the usual ones from {@code base}; otherwise adds {@code \Subscribed} when RETURN (SUBSCRIBED) asks.
     */
    static void decorate(Map<String, List<String>> out, Set<FolderName> existing, Set<FolderName> subscribed,
                         ListRequest q, BiConsumer<FolderName, List<String>> base) {
        for (Map.Entry<String, List<String>> e : out.entrySet()) {
            FolderName f = FolderName.of(e.getKey());
            List<String> attrs = e.getValue();
            if (q.selectSubscribed()) {
                attrs.clear();
                if (existing.contains(f)) {
                    base.accept(f, attrs);
                } else {
                    attrs.add("\\NonExistent");
                }
            }
            if ((q.selectSubscribed() || q.returnSubscribed()) && subscribed.contains(f)) {
                attrs.add("\\Subscribed");
            }
        }
    }

    private static final Set<String> SPECIAL_USES =
            Set.of("\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Junk", "\\Sent", "\\Trash");

    /** The SPECIAL-USE selection option (RFC 6154 section 3): only mailboxes with a special-use attribute. */
    static void keepSpecialUse(Map<String, List<String>> out) {
        out.values().removeIf(attrs -> attrs.stream().noneMatch(SPECIAL_USES::contains));
    }
}
