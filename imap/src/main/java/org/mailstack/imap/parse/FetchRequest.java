package org.mailstack.imap.parse;

import java.util.List;

/**
 * The arguments of FETCH (RFC 3501 section 6.4.5), with the CONDSTORE {@code CHANGEDSINCE} modifier of
 * RFC 7162 section 3.1.4 ({@code changedSince} is -1 when absent) and the PARTIAL modifier of RFC 9394 section 3.2
 * ({@code partial} is null when absent).
 */
public record FetchRequest(SequenceSet set, List<FetchItem> items, long changedSince, boolean vanished,
                           PartialRange partial) {
    public FetchRequest {
        items = List.copyOf(items);
    }

    public boolean wants(FetchItem item) {
        return items.contains(item);
    }

    /** True when fetching marks the message \Seen (a non-peek body or binary section, RFC822 or RFC822.TEXT). */
    public boolean setsSeen() {
        for (FetchItem i : items) {
            if (i == FetchItem.Simple.RFC822 || i == FetchItem.Simple.RFC822_TEXT) {
                return true;
            }
            if (i instanceof FetchItem.Section s && !s.peek()) {
                return true;
            }
            if (i instanceof FetchItem.Binary b && !b.sizeOnly() && !b.section().peek()) {
                return true;
            }
        }
        return false;
    }
}
