package org.mailstack.imap.parse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The {@code date} and {@code date-time} productions of RFC 3501 section 9. */
public final class ImapDates {
    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);

    private ImapDates() {
    }

    /** Parses {@code d-Mon-yyyy} or {@code dd-Mon-yyyy}. */
    public static LocalDate parseDate(String s) {
        String[] parts = s.split("-", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[0].length() > 2 || parts[2].length() != 4) {
            throw new ParseException("Invalid date");
        }
        int month = month(parts[1]);
        try {
            return LocalDate.of(Integer.parseInt(parts[2]), month, Integer.parseInt(parts[0]));
        } catch (RuntimeException e) {
            throw new ParseException("Invalid date");
        }
    }

    /** Parses the quoted-string content of a {@code date-time}: {@code " 2-Jan-2024 10:00:00 +0100"}. */
    public static OffsetDateTime parseDateTime(String s) {
        if (s.length() != 26) {
            throw new ParseException("Invalid date-time");
        }
        String fixed = s.charAt(0) == ' ' ? "0" + s.substring(1) : s;
        month(fixed.substring(3, 6));
        try {
            String canonical = fixed.substring(0, 3) + MONTHS[month(fixed.substring(3, 6)) - 1] + fixed.substring(6);
            return OffsetDateTime.parse(canonical, DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new ParseException("Invalid date-time");
        }
    }

    /** Formats an INTERNALDATE: {@code "dd-Mon-yyyy hh:mm:ss +zzzz"}. */
    public static String formatDateTime(OffsetDateTime t) {
        return DATE_TIME.format(t);
    }

    /**
     * Formats an INTERNALDATE in the server's time zone (the {@code TZ} of the process; UTC in the containers):
     * the store keeps the instant only, so like other Maildir servers this one shows it, and compares the dates of
     * SEARCH BEFORE/ON/SINCE, in its own zone.
     */
    public static String formatDateTime(long epochMillis) {
        return formatDateTime(epochMillis, ZoneId.systemDefault());
    }

    public static String formatDateTime(long epochMillis, ZoneId zone) {
        return formatDateTime(OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone));
    }

    /** The calendar day of an INTERNALDATE, in the zone {@link #formatDateTime(long)} shows it in. */
    public static LocalDate internalDay(Instant internalDate) {
        return internalDay(internalDate, ZoneId.systemDefault());
    }

    public static LocalDate internalDay(Instant internalDate, ZoneId zone) {
        return internalDate.atZone(zone).toLocalDate();
    }

    private static int month(String m) {
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equalsIgnoreCase(m)) {
                return i + 1;
            }
        }
        throw new ParseException("Invalid month");
    }
}
