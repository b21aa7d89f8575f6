package org.mailstack.imap.conversation;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;

/** ENVELOPE, BODYSTRUCTURE, SORT and THREAD on headers that repeat fields or bend the MIME syntax. */
class HeaderEdgeCasesTest extends ConversationTest {

    @Test
    void repeatedFieldsEnvelopeShowsTheLastSortAndThreadUseTheFirst() throws Exception {
        deliver("INBOX", "Date: Mon, 2 Jan 2006 10:00:00 +0100\r\nDate: Tue, 3 Jan 2006 10:00:00 +0100\r\n"
                + "Subject: zzz first\r\nSubject: aaa last\r\nFrom: a@x.test\r\nFrom: b@x.test\r\n"
                + "Message-ID: <1@x>\r\nMessage-ID: <2@x>\r\n\r\nbody\r\n");
        deliver("INBOX", "Subject: mmm\r\nFrom: m@x.test\r\n\r\nb2\r\n");
        deliver("INBOX", "Subject: re: zzz first\r\nFrom: m@x.test\r\nIn-Reply-To: <1@x>\r\n\r\nb3\r\n");
        try (ImapTestClient c = server.loggedIn()) {
            c.command("SELECT INBOX");
            assertHas(c.command("FETCH 1 ENVELOPE"), "\\* 1 FETCH \\(ENVELOPE "
                    + "\\(\"Tue, 3 Jan 2006 10:00:00 \\+0100\" \"aaa last\" "
                    + "\\(\\(NIL NIL \"a\" \"x.test\"\\)\\(NIL NIL \"b\" \"x.test\"\\)\\) .* \"<2@x>\"\\)\\)");
            assertHas(c.command("SORT (SUBJECT) UTF-8 ALL"), "\\* SORT 2 1 3");
            assertHas(c.command("THREAD REFERENCES UTF-8 ALL"), "\\* THREAD \\(1 3\\)\\(2\\)");
        }
    }

    /** The response to one command after SELECT INBOX. */
    private List<String> selected(String command) throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            c.command("SELECT INBOX");
            return c.command(command);
        }
    }

    @Test
    void contentTypeWithoutSubtype() throws Exception {
        deliver("INBOX", "From: a@x.test\r\nContent-Type: text\r\n\r\nhello\r\n");
        deliver("INBOX", "From: a@x.test\r\nContent-Type: text; charset=utf-8\r\n\r\nhello\r\n");
        assertHas(selected("FETCH 1 BODY"), "\\* 1 FETCH \\(BODY \\(\"text\" \"\" "
                + "\\(\"charset\" \"us-ascii\"\\) NIL NIL \"7bit\" 7 1\\)\\)");
        assertHas(selected("FETCH 2 BODY"), "\\* 2 FETCH \\(BODY \\(\"\" \"\" NIL NIL NIL \"7bit\" 7\\)\\)");
    }

    @Test
    void bodystructureParameterOrder() throws Exception {
        deliver("INBOX", "From: a@x.test\r\nContent-Type: text/plain; name*=utf-8''a%20b; name=c\r\n"
                + "Content-Disposition: attachment; filename*1=cd; filename*0=ab\r\n\r\nhello\r\n");
        assertHas(selected("FETCH 1 BODYSTRUCTURE"), "\\* 1 FETCH \\(BODYSTRUCTURE \\(\"text\" "
                + "\"plain\" \\(\"name\" \"c\" \"name\\*\" \"utf-8''a%20b\" \"charset\" \"us-ascii\"\\) "
                + "NIL NIL \"7bit\" 7 1 NIL \\(\"attachment\" \\(\"filename\" \"abcd\"\\)\\) NIL NIL\\)\\)");
    }
}
