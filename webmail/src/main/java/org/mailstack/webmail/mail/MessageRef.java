package org.mailstack.webmail.mail;

import java.util.Objects;

/**
 * A message named by folder and UID. It only ever means something on the signed-in session's own IMAP connection.
 */
public record MessageRef(String folder, long uid) {
    public MessageRef {
        Objects.requireNonNull(folder, "folder");
        if (uid < 1 || uid > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a UID: " + uid);
        }
    }
}
