package org.mailstack.core.files;

import java.util.HashSet;
import java.util.Set;

import org.mailstack.core.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log text for paths whose names the account's owner chose, and the one warning per refused path. A name may hold
 * CR, LF, escape sequences or bidirectional controls: {@link #printable} writes those as {@code \xNN} or as
 * Java-style Unicode escapes ({@link SafeText#escaped}), so a name never forges or hides a log line. The set of
 * paths already warned about is bounded; once it is full, one more line says so and later refusals are not logged
 * one by one.
 */
public final class FileWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(FileWarnings.class);
    private static final int MAX_LENGTH = 300;
    static final int MAX_REMEMBERED = 1024;
    private static final Set<String> WARNED = new HashSet<>();
    private static boolean full;

    private FileWarnings() {
    }

    /** The path as one printable line of at most 300 characters (core's {@link SafeText#escaped} rule). */
    public static String printable(Object path) {
        return SafeText.escaped(path, MAX_LENGTH);
    }

    /** Logs, once per path, that the mail process refused {@code file} and why. */
    static void refused(String file, String reason) {
        String shown = printable(file);
        synchronized (WARNED) {
            if (full || WARNED.contains(shown)) {
                return;
            }
            if (WARNED.size() >= MAX_REMEMBERED) {
                full = true;
                LOG.warn("more than {} refused entries under the account's home: further ones are not logged",
                        MAX_REMEMBERED);
                return;
            }
            WARNED.add(shown);
        }
        LOG.warn("ignored {}: {} (the mail process follows no link and opens no special file under the account's"
                + " home)", shown, reason);
    }
}
