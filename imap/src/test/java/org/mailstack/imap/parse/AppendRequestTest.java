package org.mailstack.imap.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppendRequestTest {

    private static AppendRequest parse(String args) {
        return AppendRequest.parse(ImapReader.of(args + "\r\n"));
    }

    @Test
    void oneMessageAsInRfc3501() {
        AppendRequest r = parse("saved-messages (\\Seen) {5}\r\nhello");
        assertEquals("saved-messages", r.mailbox());
        AppendRequest.Message m = r.messages().get(0);
        assertEquals(List.of("\\Seen"), m.flags());
        assertNull(m.date());
        assertFalse(m.catenate());
        AppendRequest.Part.Data d = assertInstanceOf(AppendRequest.Part.Data.class, m.parts().get(0));
        assertEquals(0, d.index());
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), d.inline());
    }

    @Test
    void severalMessagesAndCatenateListsNumberTheirDataLiteralsInOrder() {
        AppendRequest r = parse("INBOX {1}\r\na \" 1-Feb-1994 22:43:04 -0800\" CATENATE (URL \"/INBOX/;UID=1\""
                + " TEXT {1+}\r\nb URL {6}\r\n;UID=2 TEXT ~{1}\r\nc) () {1}\r\nd");
        assertEquals(3, r.messages().size());
        AppendRequest.Message cat = r.messages().get(1);
        assertTrue(cat.catenate());
        assertEquals(1994, cat.date().getYear());
        assertEquals(new AppendRequest.Part.Url("/INBOX/;UID=1"), cat.parts().get(0));
        assertEquals(1, ((AppendRequest.Part.Data) cat.parts().get(1)).index());
        assertEquals(new AppendRequest.Part.Url(";UID=2"), cat.parts().get(2));
        assertEquals(2, ((AppendRequest.Part.Data) cat.parts().get(3)).index());
        assertEquals(List.of(), r.messages().get(2).flags());
        assertEquals(3, ((AppendRequest.Part.Data) r.messages().get(2).parts().get(0)).index());
    }

    @Test
    void malformedListsAndTooManyPartsAreSyntaxErrors() {
        for (String bad : new String[] {"INBOX", "INBOX ", "INBOX {1}\r\na ", "INBOX {1}\r\na{1}\r\nb",
                "INBOX \"hello\"", "INBOX CATENATE ()", "INBOX CATENATE (TEXT {1}\r\na", "INBOX CATENATE (URL)",
                "INBOX CATENATE (TEXT \"a\")", "INBOX CATENATE (TEXT {1}\r\na))", "INBOX CATENATE(TEXT {1}\r\na)",
                "INBOX CATENATE (URL \"x\"" + " URL \"x\"".repeat(AppendRequest.MAX_PARTS) + ")"}) {
            assertThrows(ParseException.class, () -> parse(bad), bad);
        }
    }

    @Test
    void literalPositionsInAPrefix() {
        assertEquals(AppendRequest.LiteralKind.MESSAGE, AppendRequest.literalAt(bytes("a APPEND INBOX ")));
        assertEquals(AppendRequest.LiteralKind.TEXT,
                AppendRequest.literalAt(bytes("a APPEND INBOX {0}\r\n CATENATE (TEXT ")));
        assertNull(AppendRequest.literalAt(bytes("a APPEND ")));
        assertNull(AppendRequest.literalAt(bytes("a APPEND INBOX CATENATE (URL ")));
        assertNull(AppendRequest.literalAt(bytes("a APPEND INBOX {0}\r\n")));
        assertNull(AppendRequest.literalAt(bytes("a SEARCH ")));
        assertTrue(AppendRequest.isAppend(bytes("a append x")));
        assertFalse(AppendRequest.isAppend(bytes("a APPENDX x")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
