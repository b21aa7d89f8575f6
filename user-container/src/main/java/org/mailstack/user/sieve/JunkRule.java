package org.mailstack.user.sieve;

import java.util.ArrayList;
import java.util.List;

import org.mailstack.core.maildir.SpecialUse;

/**
 * The account's default rule, applied after its own Sieve rules: a message the main container marked as spam
 * ({@code X-Spam: Yes}, which only the MX writes: it removes the field from everything it receives) is filed into
 * {@code Junk}, the {@code \Junk} folder (RFC 6154), created when missing. As Sieve:
 * <pre>
 * require "fileinto";
 * if header :is "X-Spam" "Yes" { fileinto "Junk"; }
 * </pre>
 * The owner's rules come first and win: the default applies only when they end in the implicit keep
 * ({@link FilterResult#implicitKeep()}: no rules, rules that took no action, or rules that could not be applied).
 * An explicit {@code keep}, a {@code fileinto}, a {@code redirect} or a {@code discard} in the owner's rules is
 * their decision and is left alone; a {@code vacation} reply does not cancel the implicit keep and stays.
 */
public final class JunkRule {
    /** The folder spam is filed into: the {@code \Junk} special-use folder the store creates. */
    public static final String FOLDER = SpecialUse.JUNK.folder().name();
    /** The field the main container's spam filter adds to mail rspamd marks, and its value. */
    static final String FIELD = "X-Spam";
    static final String SPAM = "Yes";

    private JunkRule() {
    }

    /** The owner's result, or the same with {@link #FOLDER} in place of the implicit keep for a marked message. */
    public static FilterResult after(FilterResult own, HeaderBlock headers) {
        if (!own.implicitKeep() || !isMarkedSpam(headers)) {
            return own;
        }
        List<String> folders = new ArrayList<>(own.folders());
        folders.remove("INBOX");
        if (!folders.contains(FOLDER)) {
            folders.add(FOLDER);
        }
        return new FilterResult(folders, own.redirects(), own.vacation(), own.fallbackReason(), false);
    }

    /** {@code header :is "X-Spam" "Yes"} (i;ascii-casemap, the value trimmed, RFC 5228 section 5.7). */
    static boolean isMarkedSpam(HeaderBlock headers) {
        return headers.values(FIELD).stream().anyMatch(v -> v.strip().equalsIgnoreCase(SPAM));
    }
}
