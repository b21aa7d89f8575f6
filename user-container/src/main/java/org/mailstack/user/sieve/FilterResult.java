package org.mailstack.user.sieve;

import java.util.List;
import java.util.Optional;

/**
 * What the rules decided for one message, stripped of the Sieve library's types.
 *
 * @param folders folders to store the message in ({@code "INBOX"} for keep), without duplicates; empty when the
 *     message is discarded or only redirected
 * @param redirects addresses the message is to be forwarded to (RFC 5228 section 4.2)
 * @param vacation an auto-reply to send, if the vacation action (RFC 5230) fired
 * @param fallbackReason why the rules could not be applied (the message then goes to INBOX); empty when they were
 * @param implicitKeep whether the message goes to INBOX only by the implicit keep (RFC 5228 section 2.10.2): no
 *     rules, rules that took no action cancelling it (an explicit {@code keep} does), or rules that could not be
 *     applied; only then may the account's default rules ({@link JunkRule}) still decide
 */
public record FilterResult(List<String> folders, List<String> redirects, Optional<VacationReply> vacation,
                           Optional<String> fallbackReason, boolean implicitKeep) {

    public FilterResult {
        folders = List.copyOf(folders);
        redirects = List.copyOf(redirects);
    }

    /** The implicit keep: INBOX and nothing else. */
    public static FilterResult keep() {
        return new FilterResult(List.of("INBOX"), List.of(), Optional.empty(), Optional.empty(), true);
    }

    /** INBOX, because the rules failed for the given reason. */
    public static FilterResult fallback(String reason) {
        return new FilterResult(List.of("INBOX"), List.of(), Optional.empty(), Optional.of(reason), true);
    }

    /** Whether nothing is stored locally (discard, or redirect only). */
    public boolean storesNothing() {
        return folders.isEmpty();
    }
}
