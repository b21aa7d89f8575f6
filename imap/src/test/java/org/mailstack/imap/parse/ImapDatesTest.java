package org.mailstack.imap.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ImapDatesTest {

    @Test
    void dateTimeWithLeadingSpaceDay() {
        OffsetDateTime t = ImapDates.parseDateTime(" 7-Jul-1996 02:44:25 -0700");
        assertEquals("07-Jul-1996 02:44:25 -0700", ImapDates.formatDateTime(t));
    }

    @Test
    void internalDateIsShownAndDatedInTheServerZone() {
        ZoneId helsinki = ZoneId.of("Europe/Helsinki");
        Instant lateEvening = Instant.parse("2007-03-24T22:30:00Z");
        assertEquals("25-Mar-2007 00:30:00 +0200",
                ImapDates.formatDateTime(lateEvening.toEpochMilli(), helsinki));
        assertEquals(LocalDate.of(2007, 3, 25), ImapDates.internalDay(lateEvening, helsinki));
        assertEquals(LocalDate.of(2007, 3, 24),
                ImapDates.internalDay(lateEvening, ZoneOffset.UTC));
    }

    @Test
    void monthIsCaseInsensitive() {
        assertEquals(2, ImapDates.parseDate("1-feb-2024").getMonthValue());
    }

    @Test
    void invalidDatesAreBad() {
        assertThrows(ParseException.class, () -> ImapDates.parseDate("32-Jan-2024"));
        assertThrows(ParseException.class, () -> ImapDates.parseDateTime("7-Jul-1996 02:44:25 -0700"));
    }
}
