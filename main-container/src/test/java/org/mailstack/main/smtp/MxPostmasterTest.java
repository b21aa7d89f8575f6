package org.mailstack.main.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailstack.main.queue.Envelope;
import org.mailstack.main.testing.MxUnderTest;
import org.mailstack.main.testing.SmtpConversation;
import org.mailstack.main.address.NextHop;
import org.mailstack.core.account.AccountName;

/**
 * RFC 5321 section 4.5.1: mail to postmaster of every domain the MX serves is accepted, in any case, and goes to the
 * account {@code MAILSTACK_POSTMASTER} names; with none named it is refused as before.
 */
class MxPostmasterTest {
    @RegisterExtension
    final MxUnderTest withPostmaster = new MxUnderTest(Map.of("MAILSTACK_POSTMASTER", "bob"));
    @RegisterExtension
    final MxUnderTest without = new MxUnderTest(Map.of());

    @Test
    void postmasterOfTheDomainAndOfEveryAccountDomainReachesThePostmasterAccount() throws Exception {
        try (SmtpConversation c = withPostmaster.session()) {
            assertEquals("250", c.send("MAIL FROM:<reporter@elsewhere.example>").substring(0, 3));
            for (String rcpt : List.of("postmaster@example.test", "POSTMASTER@Alice.Example.Test",
                    "PostMaster@someone.example.test", "Postmaster")) {
                assertEquals("250", c.send("RCPT TO:<" + rcpt + ">").substring(0, 3), rcpt);
            }
            assertEquals("354", c.send("DATA").substring(0, 3));
            assertTrue(c.send("Subject: your MX\r\n\r\nhello postmaster\r\n.").startsWith("250"));
        }
        List<Envelope> queued = withPostmaster.harness().spool.recover();
        assertEquals(1, queued.size());
        assertEquals(new NextHop.Local(AccountName.of("bob")), queued.get(0).destination());
        assertEquals(List.of("box@bob.example.test"), queued.get(0).recipients());
    }

    @Test
    void withoutAPostmasterAccountPostmasterIsRefused() throws Exception {
        try (SmtpConversation c = without.session()) {
            c.send("MAIL FROM:<reporter@elsewhere.example>");
            assertEquals("550 5.1.1 No such user here", c.send("RCPT TO:<postmaster@example.test>"));
            assertEquals("550 5.1.1 No such user here", c.send("RCPT TO:<postmaster@alice.example.test>"));
        }
    }
}
