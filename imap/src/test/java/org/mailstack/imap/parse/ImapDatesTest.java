package org.mailstack.imap.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class ImapDatesTest {

    @Test
    void dateTimeWithLeadingSpaceDay() {
        OffsetDateTime t = ImapDates.parseDateTime(" 7-Jul-1996 02:44:25 -0700");
        assertEquals("07-Jul-1996 02:44:25 -0700", ImapDates.formatDateTime(t));
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
