package org.mailstack.imap.mime;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** Parses the Date header (RFC 5322 section 3.3) leniently: comments, missing weekday, missing seconds. */
public final class HeaderDates {
    private static final DateTimeFormatter WITHOUT_WEEKDAY =
            DateTimeFormatter.ofPattern("d MMM yyyy H:m[:s] Z", Locale.ENGLISH);

    private HeaderDates() {
    }

    public static Optional<ZonedDateTime> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String cleaned = raw.replaceAll("\\([^)]*\\)", "").replaceAll("\\s+", " ").trim();
        try {
            return Optional.of(ZonedDateTime.parse(cleaned, DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (RuntimeException e) {
            try {
                return Optional.of(ZonedDateTime.parse(cleaned.replaceFirst("^[A-Za-z]{3},\\s*", ""),
                        WITHOUT_WEEKDAY));
            } catch (RuntimeException e2) {
                return Optional.empty();
            }
        }
    }
}
