package org.mailstack.core.maildir;

/** How {@link MailboxView#storeFlags} combines the given flags with a message's flags (RFC 3501 section 6.4.6). */
public enum FlagOperation {
    /** {@code FLAGS}: replace. */
    REPLACE,
    /** {@code +FLAGS}: add. */
    ADD,
    /** {@code -FLAGS}: remove. */
    REMOVE;

    /** The resulting flags. */
    public Flags apply(Flags current, Flags given) {
        return switch (this) {
            case REPLACE -> given;
            case ADD -> current.with(given);
            case REMOVE -> current.without(given);
        };
    }
}
