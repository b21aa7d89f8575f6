package org.mailstack.core.maildir;

import java.util.List;

/**
 * The outcome of {@link MailboxView#storeFlags}.
 *
 * @param updated  the messages as they are now (new flags and MODSEQ), in UID order; includes messages whose flags
 *                 did not actually change, so STORE can answer FETCH for all of them
 * @param modified UIDs refused because their MODSEQ exceeded UNCHANGEDSINCE (RFC 7162 section 3.1.3 MODIFIED)
 */
public record StoreFlagsResult(List<MessageInfo> updated, List<Long> modified) {
    public StoreFlagsResult {
        updated = List.copyOf(updated);
        modified = List.copyOf(modified);
    }
}
