package org.mailstack.imap.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImapUrlTest {

    @Test
    void absolutePathsWithAndWithoutUidValidity() {
        assertEquals(new ImapUrl("Drafts", 385759045, 20, "HEADER", -1, -1),
                ImapUrl.parse("/Drafts;UIDVALIDITY=385759045/;UID=20/;section=HEADER"));
        assertEquals(new ImapUrl("INBOX", 0, 20, null, -1, -1), ImapUrl.parse("/inbox/;UID=20"));
        assertEquals(new ImapUrl("Lists/java", 7, 3, "1.2.MIME", 10, 5),
                ImapUrl.parse("/Lists/java;uidvalidity=7/;uid=3/;SECTION=1.2.MIME/;PARTIAL=10.5"));
        assertEquals(new ImapUrl("Entwürfe", 0, 1, "HEADER.FIELDS (FROM TO)", 0, -1),
                ImapUrl.parse("/Entw%C3%BCrfe/;UID=1/;SECTION=HEADER.FIELDS%20(FROM%20TO)/;PARTIAL=0"));
    }

    @Test
    void relativeToTheSelectedMailbox() {
        ImapUrl u = ImapUrl.parse(";UID=5/;SECTION=2");
        assertNull(u.mailbox());
        assertEquals(5, u.uid());
        assertEquals("2", u.section());
    }

    @Test
    void everythingElseIsRefused() {
        for (String url : new String[] {"", "imap://h/INBOX/;UID=1", "//h/INBOX/;UID=1", "INBOX/;UID=1",
                ";SECTION=1", ";PARTIAL=1", "/INBOX", "/INBOX/", "/;UID=1", "/INBOX;UIDVALIDITY=0/;UID=1",
                "/INBOX/;UID=0", "/INBOX/;UID=4294967296", "/INBOX/;UID=12345678901", "/INBOX/;UID=1x",
                "/INBOX?ALL", "/INBOX/;UID=1#x", "/IN BOX/;UID=1", "/INBOX%/;UID=1", "/INBOX%G0/;UID=1",
                "/%C3/;UID=1", "/INBOX%0A/;UID=1", "/INBOX/;UID=1/;SECTION=", "/INBOX/;UID=1/;SECTION=1;x",
                "/INBOX/;UID=1/;PARTIAL=1.0", "/INBOX/;UID=1/;PARTIAL=", "/INBOX/;UID=1/;URLAUTH=anonymous:x",
                "/INBOX/;UID=1/", "/Ü/;UID=1", "/x/;UID=1" + "1".repeat(3000)}) {
            assertThrows(ImapUrl.BadUrlException.class, () -> ImapUrl.parse(url), url);
        }
    }
}
