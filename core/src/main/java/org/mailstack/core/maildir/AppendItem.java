package org.mailstack.core.maildir;

import java.time.Instant;
import java.util.Objects;

/**
 * One message of {@link MaildirStore#appendAll}: received bytes with the flags and internal date to store them with.
 *
 * @param internalDate the INTERNALDATE, or null for now
 */
public record AppendItem(IncomingMessage message, Flags flags, Instant internalDate) {
    public AppendItem {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(flags, "flags");
    }
}
