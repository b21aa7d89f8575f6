package org.mailstack.webmail.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.mailstack.webmail.mail.FolderRole;
import org.mailstack.webmail.mail.FolderSummary;

/** What the page templates show of a value: a folder's label, a date, a size, the folders to move to. */
final class Layout {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH).withZone(ZoneId.systemDefault());

    private Layout() {
    }

    static String label(FolderSummary f) {
        return f.role() == FolderRole.INBOX ? "Inbox" : f.name();
    }

    /** The label of the folder named {@code name}: its own, or the name when it is not listed. */
    static String label(List<FolderSummary> folders, String name) {
        return folders.stream().filter(x -> x.name().equals(name)).findFirst().map(Layout::label).orElse(name);
    }

    static String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant);
    }

    static String size(long bytes) {
        if (bytes < 0) {
            return "";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 512) / 1024 + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** The folders a message of {@code current} can be moved to: all the others. */
    static List<FolderSummary> others(List<FolderSummary> folders, String current) {
        return folders.stream().filter(f -> !f.name().equals(current)).toList();
    }
}
