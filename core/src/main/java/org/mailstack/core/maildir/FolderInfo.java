package org.mailstack.core.maildir;

import java.util.Optional;

/**
 * One folder as LIST shows it.
 *
 * @param name       the logical name
 * @param specialUse the RFC 6154 role, if the folder has one
 * @param subscribed whether the folder is in the subscriptions file
 */
public record FolderInfo(FolderName name, Optional<SpecialUse> specialUse, boolean subscribed) {
}
