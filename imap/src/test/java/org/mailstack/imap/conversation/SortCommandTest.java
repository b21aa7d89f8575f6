package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;

/** SORT, UID SORT and THREAD=ORDEREDSUBJECT (RFC 5256). */
class SortCommandTest extends ConversationTest {
    private ImapTestClient c;

    @BeforeEach
    void selectMessages() throws Exception {
        deliver("INBOX", "From: zed@x.test\r\nSubject: Re: banana\r\nDate: Wed, 3 Jan 2024 10:00:00 +0000\r\n\r\n"
                + "x".repeat(300) + "\r\n");
        deliver("INBOX", "From: amy@x.test\r\nSubject: cherry\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\nx\r\n");
        deliver("INBOX", "From: Bob <bob@x.test>\r\nSubject: apple\r\nDate: Tue, 2 Jan 2024 10:00:00 +0000\r\n\r\n"
                + "x".repeat(100) + "\r\n");
        c = server.loggedIn();
        assertOk(c.command("SELECT INBOX"));
    }

    @Test
    void sortsBySubjectFromDateSizeAndReverse() throws Exception {
        assertEquals("* SORT 3 1 2", c.command("SORT (SUBJECT) UTF-8 ALL").get(0));
        assertEquals("* SORT 2 3 1", c.command("SORT (FROM) UTF-8 ALL").get(0));
        assertEquals("* SORT 2 3 1", c.command("SORT (DATE) UTF-8 ALL").get(0));
        assertEquals("* SORT 1 3 2", c.command("SORT (REVERSE SIZE) US-ASCII ALL").get(0));
        assertEquals("* SORT 2 3", c.command("SORT (ARRIVAL) UTF-8 2:3").get(0));
    }

    @Test
    void esortAnswersInSortOrderAndSortDisplayUsesDisplayNames() throws Exception {
        assertHas(c.command("CAPABILITY"), "\\* CAPABILITY .* SORT=DISPLAY ESORT .*");
        assertHas(c.command("SORT RETURN (MIN MAX ALL COUNT) (SUBJECT) UTF-8 ALL"),
                "\\* ESEARCH \\(TAG \"\\S+\"\\) MIN 3 MAX 2 ALL 3,1:2 COUNT 3");
        assertHas(c.command("UID SORT RETURN () (SUBJECT) UTF-8 1,3"), "\\* ESEARCH \\(TAG \"\\S+\"\\) UID ALL 3,1");
        assertOk(c.command("SORT RETURN (SAVE MAX) (SUBJECT) UTF-8 ALL"));
        assertHas(c.command("SEARCH $"), "\\* SEARCH 2");
        assertEquals("* SORT 2 3 1", c.command("SORT (DISPLAYFROM) UTF-8 ALL").get(0));
        assertBad(c.command("SORT RETURN (BOGUS) (SUBJECT) UTF-8 ALL"));
    }

    @Test
    void uidSortAndErrors() throws Exception {
        assertEquals("* SORT 3 1 2", c.command("UID SORT (SUBJECT) UTF-8 ALL").get(0));
        assertBad(c.command("SORT (COLOUR) UTF-8 ALL"));
        assertHas(c.command("SORT (DATE) X-NOPE ALL"), "\\S+ NO \\[BADCHARSET.*");
    }

    @Test
    void threadByOrderedSubject() throws Exception {
        deliver("INBOX", "From: x@x.test\r\nSubject: Fwd: banana\r\nDate: Thu, 4 Jan 2024 10:00:00 +0000\r\n\r\nx\r\n");
        deliver("INBOX", "From: x@x.test\r\nSubject: banana\r\nDate: Fri, 5 Jan 2024 10:00:00 +0000\r\n\r\nx\r\n");
        c.command("NOOP");
        assertEquals("* THREAD (2)(3)(1 (4)(5))", c.command("THREAD ORDEREDSUBJECT UTF-8 ALL").get(0));
        assertEquals("* THREAD (2)(3)(1 4)", c.command("THREAD ORDEREDSUBJECT UTF-8 1:4").get(0));
        assertBad(c.command("THREAD SIDEWAYS UTF-8 ALL"));
    }

    @Test
    void threadByReferences() throws Exception {
        deliver("INBOX", "From: x@x.test\r\nSubject: Re: apple\r\nMessage-ID: <r1@x.test>\r\n"
                + "References: <gone@x.test>\r\nIn-Reply-To: <nope@x.test>\r\n"
                + "Date: Thu, 4 Jan 2024 10:00:00 +0000\r\n\r\nx\r\n");
        deliver("INBOX", "From: x@x.test\r\nSubject: Re: apple\r\nMessage-ID: <r2@x.test>\r\n"
                + "References: <gone@x.test>\r\n\t<r1@x.test>\r\nDate: Fri, 5 Jan 2024 10:00:00 +0000\r\n\r\nx\r\n");
        c.command("NOOP");
        assertHas(c.command("CAPABILITY"), ".* THREAD=REFERENCES.*");
        assertEquals("* THREAD (2)(3 4 5)(1)", c.command("THREAD REFERENCES UTF-8 ALL").get(0));
        assertEquals("* THREAD (4 5)", c.command("UID THREAD REFERENCES UTF-8 4:5").get(0));
    }
}
