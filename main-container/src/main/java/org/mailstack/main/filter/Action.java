package org.mailstack.main.filter;

import java.util.Locale;

/**
 * The actions rspamd answers (its {@code action} field). rspamd spells them with spaces ({@code soft reject}); the
 * underscore spelling of its configuration is accepted too. {@code discard} is treated as {@link #REJECT} (mail is
 * refused, never dropped after a 250) and {@code quarantine} as {@link #ADD_HEADER}.
 */
public enum Action {
    REJECT,
    SOFT_REJECT,
    REWRITE_SUBJECT,
    ADD_HEADER,
    /**
     * The score is past the greylisting threshold. rspamd's greylist module (it needs redis) turns a message it
     * really greylists into {@link #SOFT_REJECT} and leaves this action on messages it lets through, which rspamd's
     * own milter then accepts: so does this filter.
     */
    GREYLIST,
    NO_ACTION;

    /** The action for rspamd's text; an unknown one is {@link #NO_ACTION} (the message is accepted). */
    public static Action parse(String text) {
        if (text == null) {
            return NO_ACTION;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT).replace('_', ' ')) {
            case "reject", "discard" -> REJECT;
            case "soft reject" -> SOFT_REJECT;
            case "rewrite subject" -> REWRITE_SUBJECT;
            case "add header", "quarantine" -> ADD_HEADER;
            case "greylist" -> GREYLIST;
            default -> NO_ACTION;
        };
    }
}
